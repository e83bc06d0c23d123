import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { figures } from './figures/index.js';
import { BENCH_DIR, benchDepsInstalled, EMMETT_POSTGRES_DIR, emmettPostgresInstalled } from './lib/benchDeps.js';
import { runTask } from './lib/child.js';
import type { FigureInput } from './lib/figureProcess.js';
import { resultsOf, table, writeResults } from './lib/results.js';
import { unmeasured } from './lib/rows.js';
import type { FigureRow } from './lib/types.js';

/**
 * `npm run bench [-- --quick] [--only a,b] [--out file] [--keep] [--work-dir dir] [--no-install]`
 *
 * Runs every figure in its own process, in order, each next to a baseline measured in the
 * same run; prints the table and writes the results (bench/results.json, or
 * bench/results.quick.json in quick mode). Missed targets do not change the exit code: a run
 * fails only when a figure crashes, so CI can run `--quick` to keep the suite working.
 * `--work-dir` reuses (and keeps) a folder of generated datasets: a 2M-event ledger takes
 * minutes to generate.
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'work-dir': { type: 'string' },
    'no-install': { type: 'boolean', default: false },
  },
});

const log = (message: string) => process.stderr.write(`${message}\n`);

const install = (dir: string, what: string) => {
  log(`installing ${what}: npm --prefix ${dir} ci`);
  const result = spawnSync('npm', ['--prefix', dir, 'ci', '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) log('could not install them: the figures that need them are skipped');
};

const ensureBenchDeps = () => {
  if (args['no-install']) return;
  if (!benchDepsInstalled()) install(BENCH_DIR, "the suite's own dependencies");
  if (!emmettPostgresInstalled()) install(EMMETT_POSTGRES_DIR, "Emmett's PostgreSQL store (an install of its own)");
};

const main = async () => {
  const started = performance.now();
  const mode = args.quick ? 'quick' : 'full';
  const only = args.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !figures.some((f) => f.name === name)) ?? [];
  if (unknown.length > 0)
    throw new Error(`unknown figure ${unknown.join(', ')}; figures: ${figures.map((f) => f.name).join(', ')}`);
  ensureBenchDeps();
  const given = args['work-dir'];
  if (given) await mkdir(given, { recursive: true });
  const workDir = given ?? (await mkdtemp(join(tmpdir(), 'sijill-bench-')));
  log(`sijill bench (${mode}), work files in ${workDir}`);
  const rows: FigureRow[] = [];
  try {
    for (const figure of figures) {
      if (only && !only.includes(figure.name)) continue;
      const figureStarted = performance.now();
      const loadBefore = loadavg()[0]!;
      log(`▶ ${figure.name}: ${figure.title}`);
      let figureRows: FigureRow[];
      try {
        figureRows = await runTask<FigureInput, FigureRow[]>(join(BENCH_DIR, 'lib', 'figureProcess.ts'), {
          name: figure.name,
          quick: args.quick,
          workDir,
        });
      } catch (error) {
        log(`✗ ${figure.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        figureRows = unmeasured(figure, 'failed', error instanceof Error ? error.message.split('\n')[0]! : String(error));
      }
      // Other work on the machine skews a figure; the 1-minute load average says how much there was.
      const load = `1-min load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
      rows.push(...figureRows.map((r) => (r.status === 'measured' ? { ...r, notes: `${r.notes}; ${load}` } : r)));
      log(`  ${figure.name} took ${((performance.now() - figureStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (args.keep || given) log(`kept ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
  const results = resultsOf(rows, mode, (performance.now() - started) / 1000);
  const out = args.out ?? join(BENCH_DIR, args.quick ? 'results.quick.json' : 'results.json');
  await writeResults(out, results);
  process.stdout.write(`\n${table(results)}\n\nresults written to ${out}\n`);
  return results.summary.failed === 0 ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
