import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REBUILD_NODE_FLAGS } from '../../services/cli/rebuildFlags.js';
import { BENCH_DIR } from '../lib/benchDeps.js';
import { runTask } from '../lib/child.js';
import { fileSizeMiB, rebuildLedger } from '../lib/datasets.js';
import { fmt } from '../lib/measure.js';
import { measured, ratioAtLeast, valueBelow } from '../lib/rows.js';
import { profiledExecArgv } from '../lib/servers.js';
import type { Figure } from '../lib/types.js';
import type { ReadAllReport } from '../tasks/readAll.js';
import type { RebuildReport } from '../tasks/rebuild.js';

const rate = {
  name: 'rebuild',
  title: 'full rebuild of the read models of the rebuild ledger (2M events; 20,000 quick)',
  unit: 'events/s',
  baseline: 'reading the same events through the port (pages of 1,000, JSON parsed)',
  target: 'ratio ≥ 0.8',
};
const memory = {
  name: 'rebuild-rss',
  title: 'RSS after the rebuild, read models held (fresh process, after GC)',
  unit: 'MiB',
  baseline: 'RSS of a fresh process after reading the same events',
  target: '< 1,536 MiB',
};

/** Both sides run with the flags `npm run rebuild` runs with: the ratio compares designs, not V8 settings. */
const execArgv = () => ['--expose-gc', ...REBUILD_NODE_FLAGS, ...profiledExecArgv()];

export const rebuild: Figure = {
  name: 'rebuild',
  title: rate.title,
  rows: [rate, memory],
  async run(context) {
    const { path, events } = await rebuildLedger(context.workDir, context.quick, context.log);
    const dir = join(context.workDir, 'rebuild');
    await mkdir(dir, { recursive: true });
    const read = () =>
      runTask<{ store: string }, ReadAllReport>(join(BENCH_DIR, 'tasks', 'readAll.ts'), { store: path }, execArgv());
    context.log(`rebuild: reading ${fmt(events)} events, rebuilding, reading again (each in a fresh process)`);
    const before = await read();
    const rebuilt = await runTask<{ store: string; dir: string }, RebuildReport>(
      join(BENCH_DIR, 'tasks', 'rebuild.ts'),
      { store: path, dir },
      execArgv(),
    );
    const after = await read();
    if (rebuilt.events !== before.events || after.events !== before.events)
      throw new Error(`event counts differ: read ${before.events}, rebuilt ${rebuilt.events}, read ${after.events}`);
    const readRate = (before.events * 2 * 1000) / (before.ms + after.ms);
    const rebuildRate = (rebuilt.events * 1000) / rebuilt.ms;
    const file = `ledger ${fmt(await fileSizeMiB(path))} MiB, ${fmt(rebuilt.events)} events (${fmt(rebuilt.claims)} claims, ${fmt(rebuilt.places)} places)`;
    return [
      measured({
        ...rate,
        value: rebuildRate,
        baselineValue: readRate,
        target: ratioAtLeast(0.8),
        notes: [
          file,
          `rebuild ${fmt(rebuilt.ms / 1000, 1)} s; reads ${fmt(before.ms / 1000, 1)} s and ${fmt(after.ms / 1000, 1)} s (baseline: their mean rate)`,
          `snapshot afterwards: ${fmt(rebuilt.snapshotMiB)} MiB written in ${fmt(rebuilt.snapshotMs / 1000, 1)} s`,
        ].join('; '),
      }),
      measured({
        ...memory,
        value: rebuilt.memory.rssMiB,
        baselineValue: before.memory.rssMiB,
        target: valueBelow(1_536, 'MiB'),
        notes: [
          `heapUsed ${fmt(rebuilt.memory.heapUsedMiB)} MiB, external ${fmt(rebuilt.memory.externalMiB)} MiB`,
          `peak RSS during the rebuild ${fmt(rebuilt.memory.peakRssMiB)} MiB (reader's peak ${fmt(before.memory.peakRssMiB)} MiB)`,
          rebuilt.memory.collected ? 'measured after gc()' : 'gc() unavailable: measured without a forced collection',
        ].join('; '),
      }),
    ];
  },
};
