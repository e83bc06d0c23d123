import type { LogFilter, RecordedEvent, Subscription } from '../port.js';
import type { CommitNotifier } from './commitNotifier.js';

/** What a subscription needs from its store. */
export interface SubscriptionSource {
  /** Up to `limit` events strictly after `after`, in position order, matching `filter`. */
  readPage(after: bigint, limit: number, filter: LogFilter | undefined): RecordedEvent[];
  readonly notifier: CommitNotifier;
  /** Called once when the subscription is released. */
  released(subscription: SqliteSubscription): void;
}

const PAGE_SIZE = 500;
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Catch-up, then live, by one loop: deliver the buffered page; when it is empty, read the
 * next page after the last delivered position; when that is empty too, wait for a commit
 * and read again. Pages are read only as the consumer pulls, so memory stays at one page
 * however far behind the consumer is.
 */
export class SqliteSubscription implements Subscription, AsyncIterator<RecordedEvent, undefined> {
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
    while (!this.#closed) {
      const event = this.#page[this.#next];
      if (event) {
        this.#next += 1;
        this.#after = event.position;
        return { done: false, value: event };
      }
      try {
        this.#page = this.source.readPage(this.#after, PAGE_SIZE, this.filter);
      } catch (error) {
        await this.close();
        throw error;
      }
      this.#next = 0;
      if (this.#page.length === 0) await this.#waitForCommit();
    }
    return DONE;
  }

  async #waitForCommit(): Promise<void> {
    const { promise, cancel } = this.source.notifier.wait();
    this.#cancelWait = cancel;
    await promise;
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
