import { type FileHandle, link, mkdir, open, readdir, rename, rm, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * A read-model snapshot file: a header (which projection and version, the log position the
 * state reflects and the id of the event there) followed by the state as a sequence of frames,
 * each a V8-serialised value. Frames let a save be written a slice at a time between requests
 * and a restore read a frame at a time, never the whole state as one buffer.
 *
 * Layout: `MAGIC`, then frames of `[length: uint32 LE][V8 bytes]`: the header, the state's
 * frames, and an end frame `{ end: n }` (n = the state's frame count) that proves the file whole.
 * The file is written to a temporary name, fsynced, renamed over the old one and the folder
 * fsynced: a crash at any point leaves the previous snapshot intact, and the state and its
 * checkpoint are always saved together.
 */
export interface SnapshotHeader {
  readonly projection: string;
  readonly version: number;
  readonly position: bigint;
  /** The id of the event at `position`: proves the snapshot belongs to this ledger. */
  readonly lastEventId: string | undefined;
}

/** Format 2 (issue 14): framed. Format 1 was one V8 value with no magic; it is read as no snapshot. */
const MAGIC = Buffer.from('sijill-snapshot/2\n');
const LENGTH_BYTES = 4;
/** Writes started by this process (names their temporary files). */
let writes = 0;
/** Written bytes after which a save flushes its file (`fdatasync`, off the event loop). */
const SYNC_EVERY_BYTES = 8 * 2 ** 20;
/** How much of a replaced snapshot is given back to the file system at a time. */
const RELEASE_STEP_BYTES = 16 * 2 ** 20;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Give a file's blocks back a slice at a time, then remove it. Freeing hundreds of MiB at once
 * (an unlink, or a rename over the file) holds the file system's journal for about 100 ms, and
 * every fsync waits for it — the ledger's own commits among them, which better-sqlite3 makes on
 * the event loop: measured at 2M events, a write arriving then stalled every request for up to
 * 370 ms (issue 14, snapshot-pause).
 */
const releaseGently = async (path: string): Promise<void> => {
  try {
    const file = await open(path, 'r');
    let size: number;
    try {
      size = (await file.stat()).size;
    } finally {
      await file.close();
    }
    while (size > 0) {
      size = Math.max(0, size - RELEASE_STEP_BYTES);
      await truncate(path, size);
      await pause(5);
    }
  } finally {
    await rm(path, { force: true });
  }
};

/** Snapshots replaced by earlier writes and left by a crash before they were released. */
const releaseRetired = async (path: string): Promise<void> => {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && /^\d+-\d+\.retired$/.test(name.slice(prefix.length))) {
      await releaseGently(join(dirname(path), name)).catch(() => undefined);
    }
  }
};

interface EndFrame {
  readonly end: number;
}

const isEnd = (frame: unknown): frame is EndFrame =>
  typeof frame === 'object' && frame !== null && typeof (frame as EndFrame).end === 'number' && Object.keys(frame).length === 1;

/**
 * What a frame source yields between two slices of work on one frame, to let the event loop
 * serve before it goes on: {@link writeSnapshot} waits one turn (`setImmediate`) and writes
 * nothing for it. A frame of 4,096 claims took 3 ms to pack (10 ms at p99); yielded every 256
 * claims, a save holds the loop for a fraction of a millisecond at a time (issue 14).
 */
export const PAUSE: unique symbol = Symbol('sijill.snapshot.pause');

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const framed = (value: unknown): Buffer[] => {
  const bytes = serialize(value);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32LE(bytes.length);
  return [length, bytes];
};

const syncFolder = async (path: string) => {
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
};

/**
 * Write a snapshot to `path` atomically: `header`, then each value `frames` yields, each
 * written before the next is asked for — so a generator that builds a frame per step runs a
 * step per write, and the event loop serves in between ({@link PAUSE}, yielded, is not written:
 * the loop gets a turn).
 *
 * @param options.keepExisting Asked, just before the rename, about the snapshot then at
 * `path` (when there is one of this format): true keeps it, and nothing is written.
 * @returns Whether the snapshot was written (false: `keepExisting` kept the one there).
 * @throws Whatever the disk (ENOSPC, EIO) or `frames` throws; the old snapshot is then
 * untouched and the temporary file removed.
 */
export const writeSnapshot = async (
  path: string,
  header: SnapshotHeader,
  frames: Iterable<unknown> | AsyncIterable<unknown>,
  options: { keepExisting?: (existing: SnapshotHeader) => boolean } = {},
): Promise<boolean> => {
  await mkdir(dirname(path), { recursive: true });
  await releaseRetired(path);
  // Of this process and this write: two writes of one path never share a temporary file.
  const write = `${process.pid}-${++writes}`;
  const temporary = `${path}.${write}.tmp`;
  let retired: string | undefined;
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writev([MAGIC, ...framed(header)]);
      let count = 0;
      let unsynced = 0;
      for await (const frame of frames) {
        if (frame === PAUSE) {
          await turn();
          continue;
        }
        const buffers = framed(frame);
        await file.writev(buffers);
        count++;
        // A little at a time, so the final fsync (and the ledger's own meanwhile) never waits
        // for hundreds of MiB to reach the disk.
        unsynced += buffers[1]!.length;
        if (unsynced >= SYNC_EVERY_BYTES) {
          await file.datasync();
          unsynced = 0;
        }
      }
      await file.writev(framed({ end: count } satisfies EndFrame));
      await file.sync();
    } finally {
      await file.close();
    }
    // Checked as late as possible: the file at `path` may have been replaced while this one was
    // written (a rebuild promoting its snapshot). A replacement between this check and the
    // rename is still possible, in the time of one header read.
    const existing = options.keepExisting && (await peekSnapshotHeader(path).catch(() => undefined));
    if (existing && options.keepExisting?.(existing)) {
      await rm(temporary, { force: true });
      return false;
    }
    // The old snapshot keeps a second name until it is released gently (`releaseGently`): the
    // rename then frees nothing. Where hard links are refused, the rename frees it at once.
    retired = await link(path, `${path}.${write}.retired`).then(
      () => `${path}.${write}.retired`,
      () => undefined,
    );
    await rename(temporary, path);
  } catch (error) {
    // A partial (or empty) temporary file would only fill the disk further.
    await rm(temporary, { force: true }).catch(() => undefined);
    // The old snapshot is still the live one: drop only its second name.
    if (retired) await rm(retired, { force: true }).catch(() => undefined);
    throw error;
  }
  // The rename itself must reach the disk before the snapshot counts as written.
  await syncFolder(path);
  if (retired) await releaseGently(retired).catch(() => undefined);
  return true;
};

/** An open snapshot: its header, and its state's frames to read once, in order. */
export interface SnapshotReader {
  readonly header: SnapshotHeader;
  /**
   * The state's frames. Ends after checking the end frame.
   *
   * @throws Error when the file ends early or its frames are damaged.
   */
  frames(): AsyncGenerator<unknown>;
  close(): Promise<void>;
}

const readExactly = async (file: FileHandle, length: number, offset: number): Promise<Buffer | undefined> => {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await file.read(buffer, read, length - read, offset + read);
    if (bytesRead === 0) return undefined;
    read += bytesRead;
  }
  return buffer;
};

/**
 * The header of the snapshot at `path` whatever its projection and version, or undefined when
 * there is none or it is of the older format.
 *
 * @throws Error when the file is damaged (a truncated header); I/O errors other than ENOENT.
 */
export const peekSnapshotHeader = async (path: string): Promise<SnapshotHeader | undefined> => {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const magic = await readExactly(file, MAGIC.length, 0);
    if (!magic?.equals(MAGIC)) return undefined;
    const length = await readExactly(file, LENGTH_BYTES, MAGIC.length);
    const bytes = length && (await readExactly(file, length.readUInt32LE(), MAGIC.length + LENGTH_BYTES));
    if (!bytes) throw new Error(`damaged snapshot ${path}: no header`);
    return deserialize(bytes) as SnapshotHeader;
  } finally {
    await file.close();
  }
};

/**
 * Open the snapshot at `path`.
 *
 * @returns undefined when there is none, when it is of an older format (it is then rebuilt
 * from the log), or when it is for another projection or projection version.
 * @throws Error when the file is damaged (a truncated header); I/O errors other than ENOENT.
 */
export const openSnapshot = async (path: string, projection: string, version: number): Promise<SnapshotReader | undefined> => {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let offset = 0;
  const nextFrame = async (): Promise<unknown> => {
    const length = await readExactly(file, LENGTH_BYTES, offset);
    if (!length) return undefined;
    const bytes = await readExactly(file, length.readUInt32LE(), offset + LENGTH_BYTES);
    if (!bytes) throw new Error(`damaged snapshot ${path}: a frame ends past the end of the file`);
    offset += LENGTH_BYTES + bytes.length;
    return deserialize(bytes);
  };
  try {
    const magic = await readExactly(file, MAGIC.length, 0);
    if (!magic?.equals(MAGIC)) {
      await file.close();
      return undefined;
    }
    offset = MAGIC.length;
    const header = (await nextFrame()) as SnapshotHeader | undefined;
    if (header === undefined) throw new Error(`damaged snapshot ${path}: no header`);
    if (header.projection !== projection || header.version !== version) {
      await file.close();
      return undefined;
    }
    return {
      header,
      async *frames() {
        let count = 0;
        for (;;) {
          const frame = await nextFrame();
          if (frame === undefined) throw new Error(`damaged snapshot ${path}: it ends without its end frame`);
          if (isEnd(frame)) {
            if (frame.end !== count)
              throw new Error(`damaged snapshot ${path}: ${count} frames, the end frame says ${frame.end}`);
            return;
          }
          count++;
          yield frame;
        }
      },
      close: () => file.close(),
    };
  } catch (error) {
    await file.close().catch(() => undefined);
    throw error;
  }
};

/** The header of the snapshot at `path`, or undefined (none, older format, other projection or version). */
export const readSnapshotHeader = async (
  path: string,
  projection: string,
  version: number,
): Promise<SnapshotHeader | undefined> => {
  const reader = await openSnapshot(path, projection, version);
  await reader?.close();
  return reader?.header;
};

export const removeSnapshot = (path: string) => rm(path, { force: true });
