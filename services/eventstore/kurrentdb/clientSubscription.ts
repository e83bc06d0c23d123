import type { Filter, KurrentDBClient, ReadPosition } from './kurrentClient.js';
import type { ClientSubscription } from './resumingSubscription.js';

/**
 * A real `subscribeToAll` call as a `ClientSubscription`. The client reports failures with
 * `emit('error')` rather than destroying its stream, so an error before the first pull would
 * crash the process (no listener yet) or leave the iterator waiting for ever; turning it into
 * `destroy(error)` makes the iterator throw it. Closing unsubscribes (cancels the call) and
 * destroys the stream, which ends a pending pull.
 */
export const openClientSubscription = (
  client: KurrentDBClient,
  from: ReadPosition,
  filter: Filter,
  highWaterMark: number,
): ClientSubscription => {
  const subscription = client.subscribeToAll({ fromPosition: from, filter }, { highWaterMark });
  subscription.on('error', (error) => {
    if (!subscription.destroyed) subscription.destroy(error);
  });
  return {
    [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
    close: async () => {
      try {
        await subscription.unsubscribe();
      } catch {
        // Already gone: nothing to cancel.
      }
      subscription.destroy();
    },
  };
};
