import { READABLE_BOUND } from './rows.js';

/** How far the log is readable, as one poll saw it. */
export interface Readable {
  /** Readers may read every position below this (`xmin × 2^20`). */
  readonly bound: bigint;
  /** The last readable position, 0 when none. */
  readonly head: bigint;
}

/** One statement, one snapshot: the bound and the head below it. */
export const READABLE_QUERY = `WITH b AS (SELECT ${READABLE_BOUND} AS bound)
  SELECT b.bound::text AS bound, coalesce((SELECT max(position) FROM sijill.events WHERE position < b.bound), 0)::text AS head
  FROM b`;

interface Waiter {
  readonly until: (readable: Readable) => boolean;
  readonly resolve: () => void;
}

/**
 * Watches how far the log is readable, for everyone in this process that waits on it: live
 * subscriptions (for the head to pass what they have read) and acknowledgements (for the
 * bound to pass an append's transaction). It polls the server every `intervalMs` only while
 * someone waits, and at once when `poke()` says this process has just committed. Other
 * replicas' commits are seen at the next poll: `intervalMs` bounds their delivery latency.
 *
 * Carries no events: a woken subscription re-reads from its own last position, so a missed
 * or merged wake-up can never cause a gap or a duplicate.
 */
export class LogWatcher {
  readonly #waiters = new Set<Waiter>();
  #last: Readable = { bound: 0n, head: 0n };
  #timer: NodeJS.Timeout | undefined;
  #polling = false;
  #again = false;
  #stopped = false;
  /** The last poll's failure (the server unreachable), cleared by a successful poll. */
  lastError: unknown;

  constructor(
    private readonly poll: () => Promise<Readable>,
    private readonly intervalMs: number,
  ) {}

  /** What the last poll saw. */
  get last(): Readable {
    return this.#last;
  }

  /** Resolves once `until` holds for a poll's answer, or when `cancel` is called or the watcher stops. */
  wait(until: (readable: Readable) => boolean): { promise: Promise<void>; cancel: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    const waiter: Waiter = { until, resolve };
    if (this.#stopped) resolve();
    else {
      this.#waiters.add(waiter);
      this.#schedule(this.intervalMs);
    }
    return {
      promise,
      cancel: () => {
        this.#waiters.delete(waiter);
        resolve();
      },
    };
  }

  /** This process committed: poll now rather than at the next tick. */
  poke(): void {
    if (this.#waiters.size > 0) this.#schedule(0);
  }

  /** How many are waiting (for tests: none after subscriptions are released). */
  get waiting(): number {
    return this.#waiters.size;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of this.#waiters) waiter.resolve();
    this.#waiters.clear();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#polling) {
      // A poll is running; its answer may predate the commit that asked: poll once more after it.
      if (delayMs === 0) this.#again = true;
      return;
    }
    if (this.#timer && delayMs > 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), delayMs);
  }

  async #run(): Promise<void> {
    this.#timer = undefined;
    if (this.#stopped || this.#waiters.size === 0) return;
    this.#polling = true;
    try {
      this.#last = await this.poll();
      this.lastError = undefined;
      for (const waiter of [...this.#waiters]) {
        if (!waiter.until(this.#last)) continue;
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    } catch (error) {
      // The server is out of reach: keep polling, more slowly, until it answers again.
      this.lastError = error;
    } finally {
      this.#polling = false;
    }
    const again = this.#again;
    this.#again = false;
    if (this.#waiters.size > 0) this.#schedule(again ? 0 : this.lastError ? Math.max(this.intervalMs, 250) : this.intervalMs);
  }
}
