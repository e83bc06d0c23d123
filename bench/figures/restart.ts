import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_DIR } from '../lib/benchDeps.js';
import { runTask } from '../lib/child.js';
import { rebuildLedger } from '../lib/datasets.js';
import { fmt, median } from '../lib/measure.js';
import { measured, valueBelow } from '../lib/rows.js';
import { startAppServer } from '../lib/servers.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'restart',
  title: 'process start to /health/ready on the rebuild ledger, read models persisted',
  unit: 'ms',
  baseline: 'a process that opens the SQLite store alone and reads its head',
  target: '< 5,000 ms',
};

const ROOT = join(BENCH_DIR, '..');

/** Start `services/main.ts` as `npm start` does; resolve with the time until /health/ready answers 200. */
const timeToReady = async (env: Record<string, string>): Promise<number> => {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIJILL_HOST: '127.0.0.1', SIJILL_PORT: '0', SIJILL_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const base = await new Promise<string>((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        const at = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (at) resolve(at);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('exit', (code) => reject(new Error(`the service exited (${code}) before listening:\n${output.slice(-2_000)}`)));
    });
    for (;;) {
      const response = await fetch(`${base}/health/ready`).catch(() => undefined);
      if (response?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
};

/**
 * Issue 14: a restart's cost should not grow with the ledger. The service is started on the
 * rebuild ledger with its snapshot in place (saved by a first run, set-up) and timed from
 * spawning the process to `/health/ready` answering 200, against a process that only opens the
 * store; both pay Node's and tsx's start. Three of each, medians.
 */
export const restart: Figure = {
  name: 'restart',
  title: row.title,
  rows: [row],
  async run(context) {
    const { path: store, events } = await rebuildLedger(context.workDir, context.quick, context.log);
    const snapshot = join(context.workDir, 'restart', 'readmodels.snapshot');
    context.log(`restart: folding ${fmt(events)} events and saving their snapshot (set-up)`);
    const first = await startAppServer({ store, snapshot, synchronous: 'FULL', demo: false });
    await first.stop();
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
