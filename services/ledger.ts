import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { ledgerProjection } from '../projections/ledger.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import { isKurrentDbConnectionString, openKurrentDbEventStore } from './eventstore/kurrentdb/index.js';
import type { EventStore } from './eventstore/port.js';
import { openSqliteEventStore } from './eventstore/sqlite/index.js';
import { SseConnections } from './http/sse/connections.js';
import { ControlCache } from './readmodels/controlCache.js';
import { ReadModelFollower } from './readmodels/follower.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';
import { openWebhooks } from './webhooks/openWebhooks.js';

/**
 * Open the configured event store: KurrentDB when SIJILL_STORE is a connection string
 * (`kurrentdb://host:2113?tls=false`), else the embedded SQLite file (the default).
 */
export const openStore = async (config: Config, log?: Logger): Promise<EventStore> =>
  isKurrentDbConnectionString(config.store)
    ? openKurrentDbEventStore({
        connectionString: config.store,
        reconnect: {
          onReconnect: ({ error, attempt, delayMs, resumeAfter }) =>
            log?.warn(
              { err: error, attempt, delayMs, resumeAfter: String(resumeAfter ?? 0n) },
              'KurrentDB subscription dropped; resubscribing',
            ),
        },
      })
    : openSqliteEventStore({ path: config.store, synchronous: config.synchronous });

/**
 * Where the read models' snapshot lives: beside the ledger file unless configured; with
 * KurrentDB (no local ledger file) in `./data/`. Each replica keeps its own.
 */
export const snapshotPathOf = (config: Config): string =>
  config.snapshot ??
  (isKurrentDbConnectionString(config.store)
    ? join('data', 'readmodels.snapshot')
    : join(dirname(config.store), 'readmodels.snapshot'));

/** Open the ledger and bring the read models up to the head of the log. */
export const openLedger = async (config: Config, log: Logger): Promise<AppDeps & { close(): Promise<void> }> =>
  ledgerOn(await openStore(config, log), config, log);

/** The ledger on a store already open (closed with the ledger, or when this fails). */
export const ledgerOn = async (store: EventStore, config: Config, log: Logger): Promise<AppDeps & { close(): Promise<void> }> => {
  const follower = new ReadModelFollower(store, ledgerProjection, log, { snapshotPath: snapshotPathOf(config) });
  try {
    await follower.start();
  } catch (error) {
    await store.close();
    throw error;
  }
  // After the follower: webhooks deliver from the log, never from the read models.
  let webhooks: WebhookDispatcher;
  try {
    webhooks = openWebhooks(config, store, log);
  } catch (error) {
    await follower.stop();
    await store.close();
    throw error;
  }
  return {
    config,
    store,
    follower,
    controlCache: new ControlCache(),
    webhooks,
    sse: new SseConnections(),
    async close() {
      await webhooks.stop();
      await follower.stop();
      await store.close();
    },
  };
};
