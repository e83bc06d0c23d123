import { StoreUnavailableError } from '../errors.js';
import { KurrentDbClientClass } from './kurrentClient.js';
import type { KurrentDbEventStoreOptions } from './options.js';
import { KurrentDbEventStore } from './store.js';

/**
 * Connect to KurrentDB and check that it answers (one read of the head of `$all`), so a
 * wrong address or a server that is not up fails at start, not at the first request.
 * Fails with `StoreUnavailableError` then, or when the client cannot parse the connection
 * string (the message says where it went wrong).
 */
export const openKurrentDbEventStore = async (options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> => {
  let client: ReturnType<typeof KurrentDbClientClass.connectionString>;
  try {
    client = KurrentDbClientClass.connectionString(options.connectionString);
  } catch (error) {
    throw new StoreUnavailableError(`invalid KurrentDB connection string: ${(error as Error).message}`, { cause: error });
  }
  const store = new KurrentDbEventStore(client, options);
  try {
    await store.headPosition();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
};
