import { StoreUnavailableError } from '../errors.js';
import { type KurrentDBClient, KurrentDbClientClass } from './kurrentClient.js';
import type { KurrentDbEventStoreOptions } from './options.js';
import { KurrentDbEventStore } from './store.js';

/**
 * Connect to KurrentDB and check that it answers (one read of the head of `$all`, from the
 * leader), so a wrong address or a server that is not up fails at start, not at the first
 * request. Fails with `StoreUnavailableError` then, or when the client cannot parse the
 * connection string (the message says where it went wrong).
 *
 * With `openRetry`, an unavailable store is tried again with exponential back-off until the
 * time is up — a cluster answers `/health/live` before it has elected a leader, and a
 * service started then would otherwise exit. Each attempt builds a fresh client: the
 * client's read bridge gives up for good after a failed reconnect.
 */
export const openKurrentDbEventStore = async (
  options: KurrentDbEventStoreOptions,
  /** Builds a client; tests give a scripted one. @defaultValue the real client on `options.connectionString` */
  connect: () => KurrentDBClient = () => KurrentDbClientClass.connectionString(options.connectionString),
): Promise<KurrentDbEventStore> => {
  const { timeoutMs = 0, initialDelayMs = 250, maxDelayMs = 5_000, onRetry } = options.openRetry ?? {};
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    let store: KurrentDbEventStore;
    try {
      store = new KurrentDbEventStore(connect, options);
    } catch (error) {
      throw new StoreUnavailableError(`invalid KurrentDB connection string: ${(error as Error).message}`, { cause: error });
    }
    try {
      await store.headPosition();
      return store;
    } catch (error) {
      await store.close();
      const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
      if (!(error instanceof StoreUnavailableError) || Date.now() + delayMs > deadline) throw error;
      onRetry?.({ error, attempt, delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
};
