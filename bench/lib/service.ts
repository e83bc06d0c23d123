import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { buildService, SERVICE_MAIN, serviceIsStale } from '../../build/service.js';
import { BENCH_DIR } from './benchDeps.js';

const ROOT = join(BENCH_DIR, '..');
/** Loaded into the service by {@link spawnService}: prints the process's peak RSS as it exits. */
const PEAK_RSS_REPORTER = join(BENCH_DIR, 'tasks', 'reportPeakRss.mjs');

/** A service process started as `npm start` starts it (the bundle `dist/service/main.mjs`, `build/service.ts`). */
export interface SpawnedService {
  /** `http://127.0.0.1:port`. */
  readonly url: string;
  /** When the process was spawned (`performance.now()`). */
  readonly spawnedAt: number;
  /** Resolves when /health/ready answers 200, with `performance.now()` then. */
  ready(): Promise<number>;
  /**
   * SIGTERM, wait for the exit (the service saves its read models first), and return its peak
   * resident set over its whole life, in MiB (`process.resourceUsage().maxRSS` at exit).
   */
  stop(): Promise<{ peakRssMiB: number }>;
}

/**
 * Spawn the service as `npm start` does (its bundle, built first when stale) with `env` (and
 * `nodeArgs` before the script) on a free port, and wait until it listens.
 *
 * @throws Error with the end of its output when it exits before listening.
 */
export const spawnService = async (env: Record<string, string>, nodeArgs: readonly string[] = []): Promise<SpawnedService> => {
  if (await serviceIsStale()) await buildService();
  const spawnedAt = performance.now();
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [...nodeArgs, '--import', PEAK_RSS_REPORTER, SERVICE_MAIN],
    {
      cwd: ROOT,
      env: { ...process.env, SIJILL_HOST: '127.0.0.1', SIJILL_PORT: '0', SIJILL_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const at = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (at) resolve(at);
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => reject(new Error(`the service exited (${code}) before listening:\n${output.slice(-2_000)}`)));
  });
  return {
    url,
    spawnedAt,
    async ready() {
      for (;;) {
        const response = await fetch(`${url}/health/ready`).catch(() => undefined);
        if (response?.status === 200) return performance.now();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      const kib = /sijill-peak-rss-kib (\d+)/.exec(output)?.[1];
      if (kib === undefined) throw new Error(`the service did not report its peak RSS:\n${output.slice(-2_000)}`);
      return { peakRssMiB: Number(kib) / 1024 };
    },
  };
};
