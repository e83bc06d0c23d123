import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../threads/typescriptWorker.js';
import { EventStoreError, StoreClosedError, StoreUnavailableError } from '../errors.js';
import { checkedMaxCount } from '../maxCount.js';
import type { LogReader, RecordedEvent } from '../port.js';
import type { ErrorDescription, FromLogReaderWorker, LogReaderWorkerData, ToLogReaderWorker } from './logReaderProtocol.js';
import { type PackedPage, unpackPage } from './packedPage.js';

/** Options of {@link openSqliteLogReader}. */
export interface SqliteLogReaderOptions {
  /** The ledger file. It must exist: a reader never creates a ledger. */
  readonly path: string;
  /** How long to wait for another holder to let go of the file before refusing. @defaultValue 1000 */
  readonly lockTimeoutMs?: number;
  /**
   * Events per page the worker reads. 1,000 as the rebuild reads: a page is alive while it is
   * folded, and larger ones outlive V8's young generation (`services/readmodels/rebuild.ts`).
   * @defaultValue 1000
   */
  readonly pageSize?: number;
  /** Pages the worker reads ahead of what has been taken. @defaultValue 4 */
  readonly readAhead?: number;
}

/** The error a worker described, as the port's classes where it was one of them. */
const errorOf = ({ name, message }: ErrorDescription): Error =>
  name === 'StoreUnavailableError'
    ? new StoreUnavailableError(message)
    : name === 'RangeError'
      ? new RangeError(message)
      : new EventStoreError(message);

/** A stream of pages being read ahead, from just after `next`. */
interface Stream {
  readonly id: number;
  /** Unpacked lazily, page by page, as they are taken. */
  readonly pages: PackedPage[];
  /** The page being taken from, and how far. */
  current: RecordedEvent[];
  taken: number;
  /** The position of the last event handed out (or the stream's start): the `after` that continues it. */
  next: bigint;
  /** The worker sent its last (short) page. */
  ended: boolean;
  failure?: Error;
  /** Wakes a read waiting for the next page. */
  arrived?: () => void;
}

/**
 * A {@link LogReader} over an SQLite ledger file that reads in a worker thread, pages ahead of
 * what it is asked for (issue 14). A rebuild is one long read of the log: with the reading on
 * another core, the thread that folds only parses each event's JSON. 2,000,000 events rebuild
 * at 0.76–0.85 of the rate they can be read and parsed on one thread (0.90–1.05 with
 * `npm run rebuild`'s V8 flags on both sides), against 0.45–0.52 when the fold read them
 * itself (`npm run bench -- --only rebuild`).
 *
 * Holds the file as the store does (exclusively: a service cannot have it meanwhile) until
 * {@link LogReader.close}. Reads the log as it is when asked: a page read ahead that ended the
 * log is read again before a call reports the end, so events appended since are not missed.
 * Calls are answered in the order made.
 *
 * @throws StoreUnavailableError (rejected) when the file is missing, held by another
 *   connection, not a sijill ledger, or of a newer schema.
 */
export const openSqliteLogReader = async (options: SqliteLogReaderOptions): Promise<LogReader> => {
  const pageSize = options.pageSize ?? 1_000;
  const readAhead = options.readAhead ?? 4;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1)
    throw new RangeError(`pageSize must be a whole number ≥ 1, not ${pageSize}`);
  if (!Number.isSafeInteger(readAhead) || readAhead < 1)
    throw new RangeError(`readAhead must be a whole number ≥ 1, not ${readAhead}`);
  const path = resolvePath(options.path);
  // Said plainly here: SQLite would only say it cannot open the file (SQLITE_CANTOPEN).
  const file = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new StoreUnavailableError(`no ledger file at ${path}`);
    throw new StoreUnavailableError(`ledger file ${path} is unavailable: ${error.message}`, { cause: error });
  });
  if (!file.isFile()) throw new StoreUnavailableError(`${path} is not a file: a ledger is one SQLite file`);
  // Before SQLite opens it: taking the lock alone writes a header into an empty file.
  if (file.size === 0) throw new StoreUnavailableError(`${path} is not a sijill ledger (it is empty)`);
  const { script, options: workerOptions } = workerScript(import.meta.url, 'logReaderWorker');
  const workerData: LogReaderWorkerData = {
    path,
    lockTimeoutMs: options.lockTimeoutMs ?? 1_000,
    pageSize,
  };
  const reader = new SqliteLogReader(new Worker(script, { ...workerOptions, workerData }), readAhead);
  await reader.opened;
  return reader;
};

class SqliteLogReader implements LogReader {
  readonly opened: Promise<void>;
  readonly #worker: Worker;
  readonly #readAhead: number;
  readonly #requests = new Map<number, { resolve: (value: FromLogReaderWorker) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  #stream: Stream | undefined;
  /** Calls run one at a time, in the order made. */
  #queue: Promise<unknown> = Promise.resolve();
  #failure: Error | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;
  /** The close message is sent: the thread's exit is expected from now on. */
  #closeSent = false;
  readonly #exited: Promise<void>;

  constructor(worker: Worker, readAhead: number) {
    this.#worker = worker;
    this.#readAhead = readAhead;
    let opened!: () => void;
    let failedToOpen!: (error: Error) => void;
    this.opened = new Promise((resolve, reject) => {
      opened = resolve;
      failedToOpen = reject;
    });
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: FromLogReaderWorker) => {
      switch (message.kind) {
        case 'opened':
          opened();
          break;
        case 'failed':
          failedToOpen(errorOf(message.error));
          break;
        case 'page':
        case 'streamFailed': {
          // A page of an abandoned stream is dropped: a page stands alone.
          const stream = this.#stream;
          if (stream?.id !== message.stream) break;
          if (message.kind === 'page') {
            stream.pages.push(message.page);
            if (message.end) stream.ended = true;
          } else {
            stream.failure = errorOf(message.error);
          }
          stream.arrived?.();
          break;
        }
        default: {
          const request = this.#requests.get(message.id);
          this.#requests.delete(message.id);
          if (message.kind === 'requestFailed') request?.reject(errorOf(message.error));
          else request?.resolve(message);
        }
      }
    });
    const fail = (error: Error) => {
      this.#failure ??= error;
      failedToOpen(error);
      for (const request of this.#requests.values()) request.reject(error);
      this.#requests.clear();
      if (this.#stream) {
        this.#stream.failure ??= error;
        this.#stream.arrived?.();
      }
    };
    worker.on('error', (error) =>
      fail(new EventStoreError(`the log reader's thread failed: ${error.message}`, { cause: error })),
    );
    worker.on('messageerror', (error) =>
      fail(new EventStoreError(`a message from the log reader's thread could not be read: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) => {
      // Before the close message, an exit is a crash: whatever waits on the thread fails.
      if (!this.#closeSent) fail(new EventStoreError(`the log reader's thread ended (exit code ${code})`));
    });
  }

  #post(message: ToLogReaderWorker) {
    this.#worker.postMessage(message);
  }

  #serially<T>(call: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    const result = this.#queue.then(() => {
      if (this.#failure) throw this.#failure;
      return call();
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #startStream(after: bigint): Stream {
    const stream: Stream = { id: this.#nextId++, pages: [], current: [], taken: 0, next: after, ended: false };
    this.#stream = stream;
    this.#post({ op: 'stream', stream: stream.id, after, credits: this.#readAhead });
    return stream;
  }

  /** The next page of `stream`, unpacked, waiting for it to arrive; undefined once the stream has ended. */
  async #nextPage(stream: Stream): Promise<RecordedEvent[] | undefined> {
    while (stream.pages.length === 0) {
      if (stream.failure) throw stream.failure;
      if (stream.ended) return undefined;
      await new Promise<void>((resolve) => {
        stream.arrived = resolve;
      });
      stream.arrived = undefined;
    }
    let events: RecordedEvent[];
    try {
      events = unpackPage(stream.pages[0]!);
    } catch (error) {
      // An event that is not JSON ends the stream, as a failed read: a call after it reads
      // from its `after` afresh (and fails again, as the store does), never past this page.
      stream.failure = error instanceof Error ? error : new EventStoreError(String(error));
      throw error;
    }
    stream.pages.shift();
    // Taken: the worker may read one more ahead (a stream that ended has nothing more to read).
    if (!stream.ended) this.#post({ op: 'credit', stream: stream.id });
    return events;
  }

  readAll(options: { readonly after?: bigint; readonly maxCount?: number } = {}): Promise<RecordedEvent[]> {
    return this.#serially(async () => {
      const after = options.after ?? 0n;
      const limit = checkedMaxCount(options.maxCount) ?? Number.POSITIVE_INFINITY;
      const events: RecordedEvent[] = [];
      if (limit === 0) return events;
      let stream = this.#stream;
      // Continue the stream read ahead when this call starts where the last one ended; else start one here.
      let fresh = false;
      if (stream === undefined || stream.next !== after || stream.failure) {
        stream = this.#startStream(after);
        fresh = true;
      }
      while (events.length < limit) {
        if (stream.taken === stream.current.length) {
          const page = await this.#nextPage(stream);
          if (page === undefined) {
            // The log ended when the worker read its last page. Read ahead before this call, that
            // end may be stale: read on from here once more before saying so.
            if (fresh) break;
            stream = this.#startStream(stream.next);
            fresh = true;
            continue;
          }
          stream.current = page;
          stream.taken = 0;
        }
        const take = Math.min(limit - events.length, stream.current.length - stream.taken);
        if (take === 0) continue;
        for (let i = 0; i < take; i++) events.push(stream.current[stream.taken + i]!);
        stream.taken += take;
        stream.next = events[events.length - 1]!.position;
      }
      return events;
    });
  }

  readEventAt(position: bigint): Promise<RecordedEvent | undefined> {
    return this.#serially(async () => {
      const reply = await this.#request({ op: 'eventAt', id: this.#nextId++, position });
      return reply.kind === 'eventAt' ? unpackPage(reply.page)[0] : undefined;
    });
  }

  headPosition(): Promise<bigint> {
    return this.#serially(async () => {
      const reply = await this.#request({ op: 'head', id: this.#nextId++ });
      return reply.kind === 'head' ? reply.position : 0n;
    });
  }

  #request(message: Extract<ToLogReaderWorker, { id: number }>): Promise<FromLogReaderWorker> {
    return new Promise((resolve, reject) => {
      this.#requests.set(message.id, { resolve, reject });
      this.#post(message);
    });
  }

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closing = (async () => {
      // After the calls already made: each is answered, none cut short.
      const queue = this.#queue;
      this.#closed = true;
      await queue;
      this.#stream = undefined;
      this.#closeSent = true;
      this.#post({ op: 'close' });
      await this.#exited;
    })();
    return this.#closing;
  }
}
