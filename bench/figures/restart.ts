import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_DIR } from '../lib/benchDeps.js';
import { runTask } from '../lib/child.js';
import { fmt, median } from '../lib/measure.js';
import { persistedRebuildLedger } from '../lib/persistedLedger.js';
import { measured, valueBelow } from '../lib/rows.js';
import { spawnService } from '../lib/service.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'restart',
  title: 'process start to /health/ready on the rebuild ledger, read models persisted',
  unit: 'ms',
  baseline: 'a process that opens the SQLite store alone and reads its head',
  target: '< 5,000 ms',
};

/** Start the service as `npm start` does; resolve with the time from spawning it until /health/ready answers 200. */
const timeToReady = async (env: Record<string, string>): Promise<number> => {
  const service = await spawnService(env);
  try {
    return (await service.ready()) - service.spawnedAt;
  } finally {
    await service.stop();
  }
};

/**
 * Issue 14: a restart's cost should not grow with the ledger. The service is started on the
 * rebuild ledger with its snapshot in place (saved by a first run, set-up) and timed from
 * spawning the process to `/health/ready` answering 200, against a process that only opens the
 * store (that task runs under tsx; the service runs its bundle, as `npm start` does). Three of
 * each, medians.
 */
export const restart: Figure = {
  name: 'restart',
  title: row.title,
  rows: [row],
  async run(context) {
    const { store, events, snapshot } = await persistedRebuildLedger(context, 'restart');
    const snapshotMiB = (await stat(snapshot)).size / 2 ** 20;
    const service: number[] = [];
    const storeAlone: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await runTask(join(BENCH_DIR, 'tasks', 'openStore.ts'), { store });
      storeAlone.push(performance.now() - started);
      service.push(await timeToReady({ SIJILL_STORE: store, SIJILL_SNAPSHOT: snapshot }));
    }
    return [
      measured({
        ...row,
        value: median(service),
        baselineValue: median(storeAlone),
        target: valueBelow(5_000, 'ms'),
        notes: [
          `${fmt(events)} events, snapshot ${fmt(snapshotMiB)} MiB`,
          `service ${service.map((ms) => fmt(ms)).join(', ')} ms; store alone ${storeAlone.map((ms) => fmt(ms)).join(', ')} ms`,
        ].join('; '),
      }),
    ];
  },
};
