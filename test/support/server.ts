import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { SERVICE_MAIN } from '../../build/service.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Node's arguments for the service as `npm start` runs it: the bundle `build/service.ts` writes
 * (built by the tests' global set-up, `buildDist.ts`).
 */
export const SERVICE_ARGS: readonly string[] = [SERVICE_MAIN];

/** A real `npm start`-like server process: its base URL, its output so far, and ways to wait on it. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly base: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves once the output contains `text` (rejects if the process exits first). */
  waitForOutput(text: string): Promise<void>;
  /** Send a signal and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Run the service as `npm start` does (the bundle of `services/main.ts`), in a real child process listening on a port the
 * OS picks (`SIJILL_PORT=0`): resolves once the server logs that it listens.
 */
export const startServer = async (env: Record<string, string>, args: string[] = []): Promise<ServerProcess> => {
  const child = spawn(process.execPath, [...SERVICE_ARGS, ...args], {
    cwd: root,
    env: { ...process.env, SIJILL_PORT: '0', SIJILL_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit');

  const waitForOutput = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.includes(text)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
      void exited.then(([code]) => {
        waiters.delete(check);
        reject(new Error(`server exited with ${code} before logging ${JSON.stringify(text)}:\n${output}`));
      });
    });

  await waitForOutput('sijill ready');
  // fastify logs "Server listening at http://127.0.0.1:<port>" before sijill says it is ready.
  const base = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  if (!base) throw new Error(`no listening address in the output:\n${output}`);
  return {
    child,
    base,
    output: () => output,
    waitForOutput,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
};

/**
 * Run the service (as {@link startServer} does) to its exit (for start-up failures): its exit code and output. A
 * server still running after `deadlineMs` (it started when it should not have) is killed:
 * the code is then null.
 */
export const runServerToExit = async (
  env: Record<string, string>,
  deadlineMs = 20_000,
): Promise<{ code: number | null; output: string }> => {
  const child = spawn(process.execPath, SERVICE_ARGS, {
    cwd: root,
    env: { ...process.env, SIJILL_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(deadline);
  return { code, output };
};
