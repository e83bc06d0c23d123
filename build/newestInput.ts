import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The latest modification time (ms since the epoch) of `path` or, for a folder, of anything
 * inside it, recursively: what a build's `--if-stale` compares its output against.
 *
 * @throws the `stat` error (ENOENT…) when `path` does not exist.
 */
export const newestInput = async (path: string): Promise<number> => {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestInput(join(path, entry)));
  return newest;
};

/** True when `output` is missing or older than one of `inputs` (files or folders). */
export const isStale = async (output: string, inputs: readonly string[]): Promise<boolean> => {
  const built = await stat(output).catch(() => undefined);
  if (!built) return true;
  for (const input of inputs) if ((await newestInput(input)) > built.mtimeMs) return true;
  return false;
};
