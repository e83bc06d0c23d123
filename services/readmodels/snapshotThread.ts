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
}

/**
 * Writes read-model snapshots on a worker thread (`snapshotWorker.ts`), so the service's
 * event loop never serialises the whole state (about 7.5 s for a million events, every
 * request waiting): the thread loads the last snapshot, folds the events since it — read here
 * page by page from the store and handed over — and writes state and checkpoint together,
 * atomically (`writeSnapshot`). It is the delta log design with the event log as the deltas:
 * see `services/readmodels/README.md`.
 *
 * One save at a time; the thread is started at the first save and ended by `close`.
 */
export class SnapshotThread {
  #worker: Worker | undefined;
  #waiting: { resolve: (reply: SnapshotWorkerReply) => void; reject: (error: Error) => void } | undefined;

  #start(): Worker {
    const worker = new Worker(typescriptWorkerSource(new URL('./snapshotWorker.ts', import.meta.url)), { eval: true });
    worker.on('message', (reply: SnapshotWorkerReply) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.resolve(reply);
    });
    const lost = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.reject(error);
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', (code) => lost(new Error(`the snapshot thread stopped (exit code ${code})`)));
    // An idle thread must not keep the process alive; one at work must (see `#ask`).
    worker.unref();
    return worker;
  }

  async #ask(request: SnapshotWorkerRequest, expected: SnapshotWorkerReply['type']): Promise<void> {
    this.#worker ??= this.#start();
    const worker = this.#worker;
    // Awaited at shutdown too, when nothing else may hold the event loop open.
    worker.ref();
    const reply = await new Promise<SnapshotWorkerReply>((resolve, reject) => {
      this.#waiting = { resolve, reject };
      worker.postMessage(request);
    }).finally(() => worker.unref());
    if (reply.type === 'failed') {
      const error: NodeJS.ErrnoException = new Error(reply.message);
      if (reply.code !== undefined) error.code = reply.code;
      if (reply.stack !== undefined) error.stack = reply.stack;
      throw error;
    }
    if (reply.type !== expected) throw new Error(`the snapshot thread answered ${reply.type}, not ${expected}`);
  }

  /**
   * Save the snapshot of `job`: resolves once it is on disk (fsynced, renamed); rejects with
   * the thread's error (e.g. `ENOSPC`), the old snapshot then untouched. The store must hold
   * every event up to `job.position` (the follower has applied them).
   */
  async save(store: EventStore, job: SnapshotJob): Promise<void> {
    const { path, projection, version, base, baseEventId, position, lastEventId } = job;
    await this.#ask({ type: 'begin', path, projection, version, base, baseEventId }, 'ack');
    try {
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
        await this.#ask({ type: 'events', events: page }, 'ack');
      }
    } catch (error) {
      this.#worker?.postMessage({ type: 'abort' } satisfies SnapshotWorkerRequest);
      throw error;
    }
    await this.#ask({ type: 'end', position, lastEventId }, 'saved');
  }

  /** End the thread (a save in progress fails). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}
