import { parentPort } from 'node:worker_threads';
import { foldRecorded } from './foldRecorded.js';
import { PERSISTED_PROJECTIONS } from './persistedProjections.js';
import { SNAPSHOT_BASE_MOVED, type SnapshotWorkerReply, type SnapshotWorkerRequest } from './snapshotProtocol.js';
import { readSnapshot, writeSnapshot } from './snapshots.js';

/**
 * The snapshot thread's entry (see `snapshotThread.ts` for the protocol's other side). For
 * each save it loads the last snapshot (the `base`), folds the events after it that the
 * follower sends, and writes the new snapshot with its checkpoint — all here, so the
 * service's event loop never serialises the read models. One thread per save.
 */
const port = parentPort;
if (!port) throw new Error('snapshotWorker.ts runs as a worker thread (snapshotThread.ts)');

/** Logs of skipped events are the follower's to write: it folded the same events first. */
const quiet = { warn: () => undefined, error: () => undefined };

let save:
  | { path: string; projection: string; version: number; state: unknown; position: bigint; lastEventId: string | undefined }
  | undefined;

const handle = async (request: SnapshotWorkerRequest): Promise<SnapshotWorkerReply | undefined> => {
  switch (request.type) {
    case 'begin': {
      const projection = PERSISTED_PROJECTIONS.get(request.projection);
      if (!projection || projection.version !== request.version) {
        throw new Error(`the snapshot thread has no projection ${request.projection} version ${request.version}`);
      }
      let state = projection.initialState();
      let position = request.base;
      let lastEventId = request.baseEventId;
      if (request.base > 0n || request.alsoBase) {
        const file = await readSnapshot<unknown>(request.path, request.projection, request.version);
        const matches = (at: { position: bigint; eventId: string | undefined } | undefined) =>
          file !== undefined && at !== undefined && file.position === at.position && file.lastEventId === at.eventId;
        if (matches({ position: request.base, eventId: request.baseEventId }) || matches(request.alsoBase)) {
          state = file!.state;
          position = file!.position;
          lastEventId = file!.lastEventId;
        } else if (request.base > 0n) {
          // Replaced or removed behind the follower's back: it must start over from the empty state.
          throw Object.assign(new Error(`the snapshot at ${request.path} is no longer the one at position ${request.base}`), {
            code: SNAPSHOT_BASE_MOVED,
          });
        }
      }
      save = { path: request.path, projection: request.projection, version: request.version, state, position, lastEventId };
      return { type: 'ack' };
    }
    case 'events': {
      if (!save) throw new Error('events before begin');
      const projection = PERSISTED_PROJECTIONS.get(save.projection)!;
      for (const recorded of request.events) {
        if (recorded.position <= save.position) continue;
        save.state = foldRecorded(projection, save.state, recorded, quiet);
        save.position = recorded.position;
        save.lastEventId = recorded.eventId;
      }
      return { type: 'ack' };
    }
    case 'end': {
      if (!save) throw new Error('end before begin');
      const current = save;
      save = undefined;
      if (current.position !== request.position || current.lastEventId !== request.lastEventId) {
        throw new Error(`the snapshot thread folded up to ${current.position}, not ${request.position}`);
      }
      await writeSnapshot(current.path, {
        projection: current.projection,
        version: current.version,
        position: current.position,
        lastEventId: current.lastEventId,
        state: current.state,
      });
      return { type: 'saved' };
    }
    case 'abort':
      save = undefined;
      return undefined;
  }
};

// One request at a time, in order: the follower sends the next only after this one's reply.
port.on('message', (request: SnapshotWorkerRequest) => {
  handle(request).then(
    (reply) => reply && port.postMessage(reply),
    (error: unknown) => {
      save = undefined;
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ type: 'failed', message: e.message, code: (e as NodeJS.ErrnoException).code, stack: e.stack });
    },
  );
});
