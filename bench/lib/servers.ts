import { join, resolve } from 'node:path';
import type { AppServerInput, AppServerReport } from '../servers/appServer.js';
import type { BareServerInput } from '../servers/bareServer.js';
import { BENCH_DIR } from './benchDeps.js';
import { type RunningServer, startServer } from './child.js';

/**
 * `SIJILL_BENCH_CPU_PROF=<dir>` runs the service's processes (app servers, rebuild tasks)
 * with `--cpu-prof`, writing their profiles to `<dir>`; `npx tsx bench/profileSummary.ts
 * <file>` prints the hottest frames.
 */
export const profiledExecArgv = (): string[] => {
  const dir = process.env.SIJILL_BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
};

/** The real service in its own process. */
export const startAppServer = (input: AppServerInput): Promise<RunningServer<AppServerReport>> =>
  startServer(join(BENCH_DIR, 'servers', 'appServer.ts'), input, profiledExecArgv());

/** The bare fastify baseline in its own process. */
export const startBareServer = (input: BareServerInput): Promise<RunningServer<{ requests: number }>> =>
  startServer(join(BENCH_DIR, 'servers', 'bareServer.ts'), input);
