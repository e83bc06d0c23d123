import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp } from '../../services/app.js';
import { loadConfig } from '../../services/config.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { type OpenLedgerOptions, openLedger, openStore } from '../../services/ledger.js';
import { conformToOpenApi } from './openApiConformance.js';

/** A temporary directory removed by `cleanup`. */
export const tempDir = async (prefix = 'sijill-test-') => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
};

/**
 * Given: a fresh ledger on a real SQLite file and the app built on it (no listen; use inject).
 * Extra environment variables configure it as in production; `options` sets what the
 * environment cannot: the server clock, another adapter's store as the ledger (the snapshot
 * and webhooks files still in the temporary folder), or a wrapper (see `wrappedStore`)
 * between the app and the real store, to inject a concurrent writer.
 */
export const givenApp = async (
  env: Record<string, string> = {},
  options: OpenLedgerOptions & { wrapStore?: (store: EventStore) => EventStore } = {},
) => {
  const { dir, cleanup } = await tempDir();
  const config = loadConfig({
    SIJILL_STORE: join(dir, 'ledger.db'),
    SIJILL_SNAPSHOT: join(dir, 'readmodels.snapshot'),
    SIJILL_WEBHOOKS_DB: join(dir, 'webhooks.db'),
    SIJILL_MIN_POSITION_WAIT_MS: '300',
    ...env,
  });
  const log = pino({ level: 'silent' });
  const { wrapStore, ...ledgerOptions } = options;
  const store = wrapStore
    ? wrapStore(ledgerOptions.store ?? (await openStore(config, log, ledgerOptions.now)))
    : ledgerOptions.store;
  const ledger = await openLedger(config, log, { ...ledgerOptions, ...(store ? { store } : {}) });
  const app = await buildApp(ledger);
  // Every response is checked against the app's own OpenAPI document; `close` reports any mismatch.
  const conformance = conformToOpenApi(app);
  await app.ready();
  return {
    app,
    conformance,
    ledger,
    store: ledger.store,
    head: () => ledger.store.headPosition(),
    /** Wait until the read models reflect the head of the log. */
    async settle() {
      const head = await ledger.store.headPosition();
      if (!(await ledger.follower.waitFor(head, 10_000))) throw new Error(`read models did not reach ${head}`);
    },
    /** Closes the app and the ledger; then throws if any response did not match the OpenAPI document. */
    async close() {
      await app.close();
      await ledger.close();
      await cleanup();
      conformance.assertConforms();
    },
  };
};

export type GivenApp = Awaited<ReturnType<typeof givenApp>>;

/**
 * The app built on `deps` (another replica, a wrapped store), its every response checked
 * against the OpenAPI document as `givenApp`'s are: `app.close()` rejects on any mismatch.
 */
export const buildCheckedApp = async (deps: Parameters<typeof buildApp>[0]) => {
  const app = await buildApp(deps);
  const conformance = conformToOpenApi(app);
  app.addHook('onClose', async () => conformance.assertConforms());
  return app;
};

/** A store that delegates to `inner`, except for the methods given. */
export const wrappedStore = (inner: EventStore, overrides: Partial<EventStore>): EventStore => ({
  append: (...args) => inner.append(...args),
  appendMulti: (...args) => inner.appendMulti(...args),
  readStream: (...args) => inner.readStream(...args),
  streamRevision: (...args) => inner.streamRevision(...args),
  readAll: (...args) => inner.readAll(...args),
  readEventAt: (...args) => inner.readEventAt(...args),
  headPosition: () => inner.headPosition(),
  subscribe: (...args) => inner.subscribe(...args),
  close: () => inner.close(),
  ...overrides,
});
