import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real, tiny file system (tmpfs) to fill up: ENOSPC as a full disk raises it, not a mock.
 * Mounting needs root (or CAP_SYS_ADMIN); `tinyDiskSupport` says whether this machine allows
 * it, and why not, so the tests that need it skip with the reason printed.
 */
const probeMount = (): { ok: true } | { ok: false; reason: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'sijill-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return { ok: true };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { ok: false, reason: `cannot mount a tmpfs (${stderr || (error as Error).message})` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export const tinyDiskSupport = probeMount();

/** Skip reason for `describe.skipIf`, printed once. */
export const skipWithoutTinyDisk = (suite: string): boolean => {
  if (tinyDiskSupport.ok) return false;
  console.warn(`${suite}: skipped, ${tinyDiskSupport.reason}; run as root to run it`);
  return true;
};

export interface TinyDisk {
  readonly dir: string;
  /** Fill every free byte with a filler file (ENOSPC for whoever writes next). */
  fill(): Promise<void>;
  /** Remove the filler: the space is back. */
  free(): Promise<void>;
  /** Names in the disk's root folder. */
  files(): Promise<string[]>;
  /** Unmount and remove the mount point. */
  remove(): Promise<void>;
}

export const mountTinyDisk = (sizeKiB: number): TinyDisk => {
  const dir = mkdtempSync(join(tmpdir(), 'sijill-tiny-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir], { stdio: 'pipe' });
  const filler = join(dir, 'filler');
  return {
    dir,
    async fill() {
      try {
        // One page more than the whole disk: it can never fit.
        await writeFile(filler, Buffer.alloc(sizeKiB * 1024 + 4096));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        return;
      }
      throw new Error('the filler fitted: the disk is not full');
    },
    free: () => rm(filler, { force: true }),
    files: () => readdir(dir),
    async remove() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
