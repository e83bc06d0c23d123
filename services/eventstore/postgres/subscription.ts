import { StoreClosedError, StoreUnavailableError } from '../errors.js';
import type { LogFilter, RecordedEvent, Subscription } from '../port.js';
import type { LogWatcher } from './logWatcher.js';

/** What a subscription needs from its store. */
export interface SubscriptionSource {
  /** Up to `limit` readable events strictly after `after`, in position order, matching `filter`. */
  readPage(after: bigint, limit: number, filter: LogFilter | undefined): Promise<RecordedEvent[]>;
  readonly watcher: LogWatcher;
  /** Called once when the subscription is released. */
  released(subscription: PostgresSubscription): void;
}

const PAGE_SIZE = 500;
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
/** Backoff while the server is out of reach (a restart, a failover): the subscription waits and resumes. */
const RETRY_MS = [50, 100, 250, 500, 1_000];

/**
 * Catch-up, then live, by one loop: deliver the buffered page; when it is empty, read the
 * next page after the last delivered position; when that is empty too, wait until the
 * readable head passes the head seen before that read, and read again. A server that goes
 * away (restart, failover) is waited for, not reported: the subscription resumes after its
 * last delivered position, so nothing is repeated or skipped.
 */
export class PostgresSubscription implements Subscription, AsyncIterator<RecordedEvent, undefined> {
  #after: bigint;
  #page: RecordedEvent[] = [];
  #next = 0;
  #closed = false;
  #cancelWait: (() => void) | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    after: bigint,
    private readonly filter: LogFilter | undefined,
  ) {
    this.#after = after;
  }

  async next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    let failures = 0;
    while (!this.#closed) {
      const event = this.#page[this.#next];
      if (event) {
        this.#next += 1;
        this.#after = event.position;
        return { done: false, value: event };
      }
      const seen = this.source.watcher.last.head;
      try {
        this.#page = await this.source.readPage(this.#after, PAGE_SIZE, this.filter);
        failures = 0;
      } catch (error) {
        if (this.#closed || error instanceof StoreClosedError) break;
        if (!(error instanceof StoreUnavailableError)) {
          await this.close();
          throw error;
        }
        this.#page = [];
        await this.#pause(RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]!);
        failures += 1;
        continue;
      }
      this.#next = 0;
      if (this.#page.length === 0) await this.#waitFor(({ head }) => head > seen);
    }
    return DONE;
  }

  /**
   * Both waits start only while the subscription is open: close() cancels a wait already
   * registered, but a read on its way when close() ran comes back here afterwards, and would
   * otherwise wait for an event that may never come (the follower, and the shutdown, with it).
   */
  async #waitFor(until: (readable: { head: bigint }) => boolean): Promise<void> {
    if (this.#closed) return;
    const { promise, cancel } = this.source.watcher.wait(until);
    this.#cancelWait = cancel;
    await promise;
    this.#cancelWait = undefined;
  }

  async #pause(ms: number): Promise<void> {
    if (this.#closed) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      this.#cancelWait = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#cancelWait = undefined;
  }

  /** Called by `break` in a `for await` loop. */
  async return(): Promise<IteratorResult<RecordedEvent, undefined>> {
    await this.close();
    return DONE;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent, undefined> {
    return this;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#page = [];
    this.#cancelWait?.();
    this.#cancelWait = undefined;
    this.source.released(this);
  }
}
