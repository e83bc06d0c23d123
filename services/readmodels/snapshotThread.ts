import { Worker } from 'node:worker_threads';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { typescriptWorkerSource } from '../threads/typescriptWorker.js';
import type { SnapshotWorkerReply, SnapshotWorkerRequest } from './snapshotProtocol.js';

/** Events per message to the thread: small enough that reading one page never holds the event loop long. */
const PAGE = 1_000;

/** One save: the snapshot it starts from and the position (with its event) it must reach. */
export interface SnapshotJob {
  readonly path: string;
  readonly projection: string;
  readonly version: number;
  /** The position of the snapshot now at `path` (0n when there is none to build on). */
  readonly base: bigint;
  readonly baseEventId: string | undefined;
  /** The position the new snapshot reflects, and the id of the event there. */
  readonly position: bigint;
  readonly lastEventId: string | undefined;
  /**
   * The target of a save that failed after its file may have been renamed into place (a failed
   * folder fsync, a lost reply): the file may hold it instead of `base`, and may be built on.
   */
  readonly alsoBase?: { readonly position: bigint; readonly eventId: string | undefined } | undefined;
}

/**
 * Writes read-model snapshots on a worker thread (`snapshotWorker.ts`), so the service's
 * event loop never serialises the whole state (about 7.5 s for a million events, every
 * request waiting): the thread loads the last snapshot, folds the events since it — read here
 * page by page from the store and handed over — and writes state and checkpoint together,
 * atomically (`writeSnapshot`). It is the delta log design with the event log as the deltas:
 * see `services/readmodels/README.md`.
 *
 * Each save has a thread of its own, ended when the save ends: the thread's copy of the state
 * is gone with it at once (an idle thread would keep it until its next collection), and no
 * late message or exit of one save's thread can reach another save.
 */
export class SnapshotThread {
  #current: Worker | undefined;

  /**
   * Save the snapshot of `job`: resolves once it is on disk (fsynced, renamed); rejects with
   * the thread's error (e.g. `ENOSPC`, `SIJILL_SNAPSHOT_BASE_MOVED`), the old snapshot then
   * untouched. The store must hold every event up to `job.position` (the follower applied them).
   */
  async save(store: EventStore, job: SnapshotJob): Promise<void> {
    const { path, projection, version, base, baseEventId, position, lastEventId, alsoBase } = job;
    const worker = new Worker(typescriptWorkerSource(new URL('./snapshotWorker.ts', import.meta.url)), { eval: true });
    this.#current = worker;
    let waiting: { resolve: (reply: SnapshotWorkerReply) => void; reject: (error: Error) => void } | undefined;
    let lostWith: Error | undefined;
    worker.on('message', (reply: SnapshotWorkerReply) => {
      const w = waiting;
      waiting = undefined;
      w?.resolve(reply);
    });
    const lost = (error: Error) => {
      lostWith ??= error;
      const w = waiting;
      waiting = undefined;
      w?.reject(lostWith);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the snapshot thread stopped (exit code ${code})`)));
    const ask = async (request: SnapshotWorkerRequest, expected: SnapshotWorkerReply['type']): Promise<void> => {
      const reply = await new Promise<SnapshotWorkerReply>((resolve, reject) => {
        if (lostWith) return reject(lostWith);
        waiting = { resolve, reject };
        worker.postMessage(request);
      });
      if (reply.type === 'failed') {
        const error: NodeJS.ErrnoException = new Error(reply.message);
        if (reply.code !== undefined) error.code = reply.code;
        if (reply.stack !== undefined) error.stack = reply.stack;
        throw error;
      }
      if (reply.type !== expected) throw new Error(`the snapshot thread answered ${reply.type}, not ${expected}`);
    };
    try {
      await ask({ type: 'begin', path, projection, version, base, baseEventId, alsoBase }, 'ack');
      const read = (after: bigint): Promise<RecordedEvent[]> => {
        const page = after >= position ? Promise.resolve([]) : store.readAll({ after, maxCount: PAGE });
        // Awaited below unless the thread fails first: its rejection must not go unhandled then.
        page.catch(() => undefined);
        return page;
      };
      let next = read(base);
      for (;;) {
        const page = (await next).filter((event) => event.position <= position);
        if (page.length === 0) break;
        // The next page is read while the thread folds this one.
        next = read(page.at(-1)!.position);
        await ask({ type: 'events', events: page }, 'ack');
      }
      await ask({ type: 'end', position, lastEventId }, 'saved');
    } finally {
      if (this.#current === worker) this.#current = undefined;
      await worker.terminate();
    }
  }

  /** End the thread of a save in progress (that save then fails). */
  async close(): Promise<void> {
    await this.#current?.terminate();
  }
}
