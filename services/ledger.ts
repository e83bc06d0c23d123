import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { ledgerProjection } from '../projections/ledger.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import { isKurrentDbConnectionString } from './eventstore/kurrentdb/connectionString.js';
import type { EventStore, LogReader } from './eventstore/port.js';
import { isPostgresConnectionString } from './eventstore/postgres/connectionString.js';
import type { ReaderLag } from './eventstore/postgres/index.js';
import { openSqliteEventStore } from './eventstore/sqlite/index.js';
import { openSqliteLogReader } from './eventstore/sqlite/logReader.js';
import { watchAppends } from './health/watchAppends.js';
import { fileWritabilityProbe } from './health/writabilityProbe.js';
import { WriteHealth } from './health/writeHealth.js';
import { SseConnections } from './http/sse/connections.js';
import { Metrics } from './metrics.js';
import { ControlCache } from './readmodels/controlCache.js';
import { type FollowerOptions, ReadModelFollower } from './readmodels/follower.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';
import { openWebhooks } from './webhooks/openWebhooks.js';

/** A store that reports how far its readers lag (PostgreSQL's). */
const hasReaderLag = (store: EventStore): store is EventStore & { readerLag(): Promise<ReaderLag> } =>
  typeof (store as { readerLag?: unknown }).readerLag === 'function';

/**
 * Open the configured store's log for one long read (`npm run rebuild`): the embedded SQLite
 * file through {@link openSqliteLogReader}, read ahead in a worker thread while this thread
 * folds, and refused when the file is not there (a rebuild never creates a ledger); a server's
 * store as {@link openStore} opens it.
 *
 * @throws StoreUnavailableError as `openStore` does, and when the SQLite file is missing.
 */
export const openLogReader = async (config: Config, log?: Logger): Promise<LogReader> =>
  isPostgresConnectionString(config.store) || isKurrentDbConnectionString(config.store)
    ? openStore(config, log)
    : openSqliteLogReader({ path: config.store });

/**
 * Open the configured event store: PostgreSQL when SIJILL_STORE is `postgres://…` (several
 * replicas may share the database), KurrentDB when it is another connection string
 * (`kurrentdb://host:2113?tls=false`), else the embedded SQLite file (the default). A server
 * is waited for up to SIJILL_STORE_OPEN_TIMEOUT_MS while it answers as unavailable, so a
 * service started with its database or cluster does not exit before that is up.
 */
export const openStore = async (config: Config, log?: Logger, now?: () => Date): Promise<EventStore> =>
  // Each server's client is loaded only when it is used: the KurrentDB client alone takes 0.1 s
  // to load, and a restart should cost what the ledger needs (issue 14).
  isPostgresConnectionString(config.store)
    ? (await import('./eventstore/postgres/index.js')).openPostgresEventStore({
        connectionString: config.store,
        openTimeoutMs: config.storeOpenTimeoutMs,
      })
    : isKurrentDbConnectionString(config.store)
      ? (await import('./eventstore/kurrentdb/index.js')).openKurrentDbEventStore({
          connectionString: config.store,
          openRetry: {
            timeoutMs: config.storeOpenTimeoutMs,
            onRetry: ({ error, attempt, delayMs }) =>
              log?.warn({ err: error, attempt, delayMs }, 'KurrentDB is not available yet (no leader?); trying again'),
          },
          rebuild: {
            onRebuild: ({ error, failures }) =>
              log?.warn({ err: error, failures }, 'KurrentDB operations kept failing as unavailable; client rebuilt'),
          },
          reconnect: {
            onReconnect: ({ error, attempt, delayMs, resumeAfter }) =>
              log?.warn(
                { err: error, attempt, delayMs, resumeAfter: String(resumeAfter ?? 0n) },
                'KurrentDB subscription dropped; resubscribing',
              ),
          },
        })
      : openSqliteEventStore({ path: config.store, synchronous: config.synchronous, ...(now ? { now } : {}) });

/**
 * Where the read models' snapshot lives: beside the ledger file unless configured; with
 * KurrentDB (no local ledger file) in `./data/`. Each replica keeps its own.
 */
export const snapshotPathOf = (config: Config): string =>
  config.snapshot ??
  (isKurrentDbConnectionString(config.store)
    ? join('data', 'readmodels.snapshot')
    : join(dirname(config.store), 'readmodels.snapshot'));

export interface OpenLedgerOptions {
  /** The server clock, shared by the embedded store's `recordedAt` and the app's checks. @defaultValue () => new Date() */
  readonly now?: () => Date;
  /** A store already open, used instead of opening the configured one (and closed with the ledger). */
  readonly store?: EventStore;
  /** Overrides of the read-model follower's options (tests: snapshot cadence and retry backoff). */
  readonly follower?: Partial<FollowerOptions>;
}

/** What `openLedger` opens: the app's dependencies, and how to close them. */
export interface OpenLedger extends AppDeps {
  /**
   * Stop webhooks and the follower (saving a last snapshot), then close the store — always,
   * whatever failed before. `snapshotSaved` is false when the last snapshot could not be
   * written (logged): the ledger is intact, and the next start replays from the older one.
   */
  close(): Promise<{ snapshotSaved: boolean }>;
  /**
   * Warm the control cache in the background (`ControlCache.warm`), once: the service calls
   * it when it listens. Resolves with the places warmed; `close` stops it first.
   */
  warmControl(): Promise<number>;
}

/** How the store is probed for writability while its writes fail (see `WriteHealth`). */
const writabilityProbeOf = (config: Config, store: EventStore) =>
  isKurrentDbConnectionString(config.store)
    ? // No local file: the cluster taking requests again is the best light sign.
      async () => {
        await store.headPosition();
      }
    : fileWritabilityProbe(config.store);

/** Open the ledger and bring the read models up to the head of the log. */
export const openLedger = async (config: Config, log: Logger, options: OpenLedgerOptions = {}): Promise<OpenLedger> => {
  const now = options.now ?? (() => new Date());
  const metrics = new Metrics();
  const opened = options.store ?? (await openStore(config, log, now));
  const writeHealth = new WriteHealth({ probe: writabilityProbeOf(config, opened), log, failures: metrics.storeWriteFailures });
  const store = watchAppends(opened, writeHealth, metrics.appendDuration);
  const follower = new ReadModelFollower(store, ledgerProjection, log, {
    snapshotPath: snapshotPathOf(config),
    metrics,
    ...options.follower,
  });
  try {
    await follower.start();
  } catch (error) {
    await store.close();
    throw error;
  }
  // After the follower: webhooks deliver from the log, never from the read models.
  let webhooks: WebhookDispatcher;
  try {
    webhooks = await openWebhooks(config, store, log);
  } catch (error) {
    await follower.stop();
    await store.close();
    throw error;
  }
  const sse = new SseConnections();
  const dispatcher = webhooks;
  metrics.observe({
    store,
    follower,
    now,
    sseConnections: () => sse.size,
    webhooks: () => dispatcher.list(),
    ...(hasReaderLag(opened) ? { readerLag: () => opened.readerLag() } : {}),
  });
  const controlCache = new ControlCache();
  const warming = new AbortController();
  let warmed: Promise<number> | undefined;
  return {
    config,
    store,
    follower,
    controlCache,
    webhooks,
    sse,
    now,
    metrics,
    writeHealth,
    warmControl() {
      warmed ??= controlCache
        .warm(() => ({ state: follower.state, position: follower.position }), warming.signal)
        .catch((error: unknown) => {
          log.warn({ err: error }, 'warming the control cache failed; queries build what they need');
          return 0;
        });
      return warmed;
    },
    async close() {
      let snapshotSaved = false;
      warming.abort();
      await warmed;
      try {
        await webhooks.stop();
      } finally {
        try {
          snapshotSaved = await follower.stop();
        } finally {
          await store.close();
        }
      }
      return { snapshotSaved };
    },
  };
};
