import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { buildApp } from '../../services/app.js';
import { loadConfig } from '../../services/config.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import { openLedger } from '../../services/ledger.js';
import { server } from '../lib/child.js';

export interface AppServerInput {
  readonly store: string;
  readonly snapshot: string;
  readonly synchronous: 'FULL' | 'NORMAL';
  /** Load the worked example first (idempotent). */
  readonly demo: boolean;
  /** The follower's snapshot cadence in events (default: the service's). */
  readonly snapshotEvery?: number;
}

export interface AppServerReport {
  /** Log head when it started serving, and when it stopped. */
  readonly headAtStart: bigint;
  readonly headAtStop: bigint;
  /** Opening the ledger and folding the log into the read models. */
  readonly startMs: number;
}

/**
 * The real service, as `main.ts` starts it: configuration from the environment variables'
 * schema, the ledger opened with its read models caught up, the app built and listening on
 * 127.0.0.1. Request logging is off (the tests' setting), as for the bare baseline.
 */
server<AppServerInput, AppServerReport>(async (input) => {
  const started = performance.now();
  const config = loadConfig({
    SIJILL_HOST: '127.0.0.1',
    SIJILL_PORT: '0',
    SIJILL_STORE: input.store,
    SIJILL_SNAPSHOT: input.snapshot,
    SIJILL_SYNCHRONOUS: input.synchronous,
    SIJILL_LOG_LEVEL: 'warn',
  });
  const ledger = await openLedger(
    config,
    pino({ level: 'warn' }),
    input.snapshotEvery === undefined ? {} : { follower: { snapshotEvery: input.snapshotEvery } },
  );
  if (input.demo) await loadWorkedExample(ledger.store);
  const headAtStart = await ledger.store.headPosition();
  if (!(await ledger.follower.waitFor(headAtStart, 600_000))) throw new Error('read models did not catch up');
  const app = await buildApp(ledger);
  await app.listen({ host: config.host, port: config.port });
  const startMs = performance.now() - started;
  return {
    port: (app.server.address() as AddressInfo).port,
    async stop() {
      await app.close();
      const headAtStop = await ledger.store.headPosition();
      await ledger.close();
      return { headAtStart, headAtStop, startMs };
    },
  };
});
