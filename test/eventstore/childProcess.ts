import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Start `children/<script>` in a real second Node process (TypeScript through tsx). */
export const startChild = (script: string, ...args: string[]): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`children/${script}`, import.meta.url)), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Run a child to completion; its stdout lines and exit code. */
export const runChild = async (script: string, ...args: string[]) => {
  const child = startChild(script, ...args);
  const stdout = collectLines(child);
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, lines: await stdout, stderr: stderr.join('') };
};

const collectLines = async (child: ChildProcess): Promise<string[]> => {
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout! })) lines.push(line);
  return lines;
};

/** Each stdout line as it arrives; ends when the child's stdout closes. */
export const linesOf = (child: ChildProcess): AsyncIterable<string> => createInterface({ input: child.stdout! });

/** Kill a child and wait until it has gone (so the OS has released its file locks). */
export const kill = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
};
