import type { LogFilter, RecordedEvent } from '../port.js';
import { categoryOf } from './rows.js';

/**
 * The most recent events, decoded once, for live subscriptions: with many subscribers at
 * the head of the log, each new event is read and parsed once, not once per subscriber.
 * It holds every event after `from`; a read that starts earlier goes to the database.
 * Events are shared between readers and must be treated as read-only.
 */
export class RecentEvents {
  #events: RecordedEvent[] = [];
  /** The ring holds every event after this position. */
  #from: bigint;

  constructor(
    head: bigint,
    private readonly capacity: number,
  ) {
    this.#from = head;
  }

  /** The position after which new events are to be fetched and added. */
  get last(): bigint {
    return this.#events.at(-1)?.position ?? this.#from;
  }

  /** Forget everything: it now holds the events after `head` (none yet). */
  reset(head: bigint): void {
    this.#events = [];
    this.#from = head;
  }

  add(events: readonly RecordedEvent[]): void {
    this.#events.push(...events);
    const excess = this.#events.length - this.capacity;
    if (excess > 0) {
      this.#from = this.#events[excess - 1]!.position;
      this.#events = this.#events.slice(excess);
    }
  }

  /** Up to `limit` events after `after` matching `filter`, or undefined when the ring does not reach back that far. */
  read(after: bigint, limit: number, filter: LogFilter | undefined): RecordedEvent[] | undefined {
    if (after < this.#from) return undefined;
    const events = this.#events;
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (events[mid]!.position <= after) lo = mid + 1;
      else hi = mid;
    }
    const categories = filter?.categories;
    const types = filter?.types;
    const page: RecordedEvent[] = [];
    for (let i = lo; i < events.length && page.length < limit; i++) {
      const event = events[i]!;
      if (categories && !categories.includes(categoryOf(event.streamId))) continue;
      if (types && !types.includes(event.type)) continue;
      page.push(event);
    }
    return page;
  }
}
