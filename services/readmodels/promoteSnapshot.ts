import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Put the snapshot file `from` in place of `to` atomically: `rename(from, to)`, then an fsync
 * of `to`'s folder so that the rename itself is on disk before this resolves (as
 * `writeSnapshot` does). A reader sees the old file or the new one, never a mix; a crash
 * before the folder's fsync may leave either. `from` must be complete and fsynced already
 * (`writeSnapshot` leaves it so) and in the same file system as `to` — beside it.
 *
 * @throws the `rename` error (`ENOENT` when `from` is missing, `EXDEV` across file systems),
 * leaving `to` untouched; or the folder's open/fsync error, after the rename.
 */
export const promoteSnapshot = async (from: string, to: string): Promise<void> => {
  await rename(from, to);
  const directory = await open(dirname(to), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
};
