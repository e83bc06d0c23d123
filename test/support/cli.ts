import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Run one of the service's commands (`services/cli/<script>`) as a real process, as npm runs it
 * (tsx, from the repository root, stderr not a terminal), with `env` over this process's.
 *
 * @returns Its exit code and its stdout and stderr, interleaved as written.
 */
export const runCli = async (
  script: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> => {
  const child = spawn(process.execPath, ['--import', 'tsx', `services/cli/${script}`, ...args], {
    cwd: root,
    env: { ...process.env, SIJILL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  // 'close', not 'exit': the process may exit before its output is all read.
  const [code] = await once(child, 'close');
  return { code: code as number, output };
};
