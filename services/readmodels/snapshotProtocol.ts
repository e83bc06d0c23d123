import type { RecordedEvent } from '../eventstore/port.js';

/**
 * The messages between the follower's side (`snapshotThread.ts`) and the snapshot thread
 * (`snapshotWorker.ts`): `begin` a save from a base snapshot, `events` pages after it (each
 * acknowledged before the next is sent), then `end` at the position the snapshot reflects.
 */
export type SnapshotWorkerRequest =
  | {
      readonly type: 'begin';
      readonly path: string;
      readonly projection: string;
      readonly version: number;
      /** The position of the snapshot at `path` this save starts from; 0n: from the empty state. */
      readonly base: bigint;
      readonly baseEventId: string | undefined;
      /** Another snapshot the file may hold and the save may build on (see `SnapshotJob.alsoBase`). */
      readonly alsoBase: { readonly position: bigint; readonly eventId: string | undefined } | undefined;
    }
  | { readonly type: 'events'; readonly events: RecordedEvent[] }
  | { readonly type: 'end'; readonly position: bigint; readonly lastEventId: string | undefined }
  | { readonly type: 'abort' };

export type SnapshotWorkerReply =
  | { readonly type: 'ack' }
  | { readonly type: 'saved' }
  | { readonly type: 'failed'; readonly message: string; readonly code: string | undefined; readonly stack: string | undefined };

/** The error code of a save whose base snapshot is no longer on disk as the follower left it. */
export const SNAPSHOT_BASE_MOVED = 'SIJILL_SNAPSHOT_BASE_MOVED';
