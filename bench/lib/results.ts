import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { z } from 'zod';
import { fmt } from './measure.js';
import type { FigureRow } from './types.js';

const Row = z.strictObject({
  name: z.string().min(1),
  title: z.string(),
  status: z.enum(['measured', 'skipped', 'failed']),
  value: z.number().nullable(),
  unit: z.string(),
  baseline: z.string(),
  baselineValue: z.number().nullable(),
  ratio: z.number().nullable(),
  target: z.string(),
  pass: z.boolean().nullable(),
  notes: z.string(),
});

const Machine = z.strictObject({
  cpu: z.string(),
  cores: z.number().int().positive(),
  memoryGiB: z.number().positive(),
  node: z.string(),
  platform: z.string(),
  date: z.string(),
});

/** The shape of `bench/results.json`; checked before it is written. */
export const Results = z.strictObject({
  suite: z.literal('sijill-bench'),
  mode: z.enum(['full', 'quick']),
  commit: z.string().nullable(),
  durationS: z.number(),
  machine: Machine,
  summary: z.strictObject({ measured: z.number(), passed: z.number(), failed: z.number(), skipped: z.number() }),
  figures: z.array(Row),
});
export type Results = z.infer<typeof Results>;

export const machineInfo = (): z.infer<typeof Machine> => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch} ${release()}`,
  date: new Date().toISOString(),
});

export const gitCommit = (): string | null => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return `${head.trim()}${dirty ? '+dirty' : ''}`;
  } catch {
    return null;
  }
};

export const resultsOf = (rows: FigureRow[], mode: 'full' | 'quick', durationS: number): Results =>
  Results.parse({
    suite: 'sijill-bench',
    mode,
    commit: gitCommit(),
    durationS: Math.round(durationS),
    machine: machineInfo(),
    summary: {
      measured: rows.filter((r) => r.status === 'measured').length,
      passed: rows.filter((r) => r.pass === true).length,
      failed: rows.filter((r) => r.status === 'failed').length,
      skipped: rows.filter((r) => r.status === 'skipped').length,
    },
    figures: rows.map((r) => ({ ...r, ratio: r.ratio === null ? null : Math.round(r.ratio * 1000) / 1000 })),
  });

// JSON has no NaN or Infinity: they become null, and `Results` then refuses them.
export const writeResults = async (path: string, results: Results) => {
  await writeFile(path, `${JSON.stringify(Results.parse(results), null, 2)}\n`);
};

const number = (value: number | null, unit: string) => {
  if (value === null) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${fmt(value, digits)} ${unit}`;
};

const verdict = (r: FigureRow) => (r.status !== 'measured' ? r.status : r.pass === null ? 'reported' : r.pass ? 'pass' : 'MISS');

/** The results as a Markdown table (printed, and pasted into the README's Performance section). */
export const table = (results: Results): string => {
  const head = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', 'result'];
  const lines = results.figures.map((r) => [
    r.name,
    number(r.value, r.unit),
    number(r.baselineValue, r.unit),
    // Rounded down, so a ratio just short of its target never prints as the target.
    r.ratio === null ? '—' : fmt(Math.floor(r.ratio * 100) / 100, 2),
    r.target,
    verdict(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const m = results.machine;
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...lines.map(line),
    '',
    `${results.mode} run, ${m.date.slice(0, 10)}, commit ${results.commit ?? '?'}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; ${results.durationS} s`,
  ].join('\n');
};
