import type { Logger } from 'pino';
import { registryProjection } from '../projections/registry.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import type { EventStore } from './eventstore/port.js';
import { openSqliteEventStore } from './eventstore/sqlite/index.js';
import { ReadModelFollower } from './readmodels/follower.js';
import { IdempotencyIndex } from './readmodels/idempotency.js';

/** Open the configured event store. The embedded SQLite file is the default. */
export const openStore = async (config: Config): Promise<EventStore> =>
  openSqliteEventStore({ path: config.store, synchronous: config.synchronous });

/** Open the ledger and bring the read models up to the head of the log. */
export const openLedger = async (config: Config, log: Logger): Promise<AppDeps & { close(): Promise<void> }> => {
  const store = await openStore(config);
  const idempotency = new IdempotencyIndex();
  const follower = new ReadModelFollower(store, registryProjection, log, (event) => idempotency.apply(event));
  await follower.start();
  return {
    config,
    store,
    follower,
    idempotency,
    async close() {
      await follower.stop();
      await store.close();
    },
  };
};
