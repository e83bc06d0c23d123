import type { Filter, KurrentDBClient, ReadPosition } from './kurrentClient.js';
import type { ClientSubscription, SubscriptionItem } from './resumingSubscription.js';

/**
 * A real `subscribeToAll` call as a `ClientSubscription`. The client reports failures with
 * `emit('error')` rather than destroying its stream, so an error before the first pull would
 * crash the process (no listener yet) or leave the iterator waiting for ever; turning it into
 * `destroy(error)` makes the iterator throw it. Closing unsubscribes (cancels the call) and
 * destroys the stream, which ends a pending pull.
 *
 * Checkpoints: the client reports them through the filter's `checkpointReached` callback,
 * which it awaits while handling the server's message, before the events after it. Pushing
 * a `{ checkpoint }` item into the subscription's own stream there keeps it in log order
 * with the events (a resume point taken from a callback could run ahead of events still
 * buffered, and a drop then would skip them). Each call gets its own copy of the filter.
 */
export const openClientSubscription = (
  client: KurrentDBClient,
  from: ReadPosition,
  filter: Filter,
  highWaterMark: number,
): ClientSubscription => {
  const withCheckpoints: Filter = {
    ...filter,
    checkpointReached: (stream, checkpoint) => {
      stream.push({ checkpoint } satisfies SubscriptionItem);
    },
  };
  const subscription = client.subscribeToAll({ fromPosition: from, filter: withCheckpoints }, { highWaterMark });
  subscription.on('error', (error) => {
    if (!subscription.destroyed) subscription.destroy(error);
  });
  return {
    [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator]() as AsyncIterator<SubscriptionItem>,
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
