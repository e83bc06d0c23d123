import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * A read-model snapshot: the whole in-memory state and the log position it reflects, in one
 * file. Written to a temporary file, fsynced, then renamed over the old one, so the state and
 * its checkpoint are always saved together: after a crash the follower resumes from exactly
 * the position the state reflects — no event applied twice, none skipped.
 *
 * V8's structured serialisation keeps Maps, Sets and bigints as they are.
 */
export interface Snapshot<State> {
  readonly projection: string;
  readonly version: number;
  readonly position: bigint;
  /** The id of the event at `position`: proves the snapshot belongs to this ledger. */
  readonly lastEventId: string | undefined;
  readonly state: State;
}

/**
 * Write `snapshot` to `path` atomically (temporary file, fsync, rename, fsync of the folder).
 * On failure (disk full, I/O error) the old snapshot is untouched, the temporary file is
 * removed, and the error is rethrown.
 */
export const writeSnapshot = async <State>(path: string, snapshot: Snapshot<State>): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(serialize(snapshot));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    // A partial (or empty) temporary file would only fill the disk further.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  // The rename itself must reach the disk before the snapshot counts as written.
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
};

/** The snapshot at `path`, or undefined when there is none or it is for another projection version. */
export const readSnapshot = async <State>(
  path: string,
  projection: string,
  version: number,
): Promise<Snapshot<State> | undefined> => {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const snapshot = deserialize(bytes) as Snapshot<State>;
  if (snapshot.projection !== projection || snapshot.version !== version) return undefined;
  return snapshot;
};

export const removeSnapshot = (path: string) => rm(path, { force: true });
