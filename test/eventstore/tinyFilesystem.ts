import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A small tmpfs of its own, which a test can fill to the last byte: real ENOSPC, so SQLite fails with SQLITE_FULL. */
export interface TinyFilesystem {
  readonly dir: string;
  /** Write a filler file until the filesystem is full. */
  fill(): Promise<void>;
  /** Remove the filler: the space is back. */
  free(): Promise<void>;
  unmount(): Promise<void>;
}

/**
 * Mount a tmpfs of `sizeBytes` on a fresh directory. Needs root (or CAP_SYS_ADMIN), as in
 * this project's CI containers; elsewhere it answers with the reason, for the caller to skip.
 */
export const mountTinyFilesystem = async (sizeBytes: number): Promise<TinyFilesystem | { unavailable: string }> => {
  const dir = await mkdtemp(join(tmpdir(), 'sijill-tiny-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { unavailable: `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})` };
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    async fill() {
      const file = await open(filler, 'a');
      const chunk = Buffer.alloc(4096);
      try {
        for (;;) await file.write(chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        await file.close();
      }
    },
    free: () => rm(filler, { force: true }),
    async unmount() {
      await run('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
};
