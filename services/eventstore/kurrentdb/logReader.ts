import type { ReadAllOptions, RecordedEvent } from '../port.js';
import { toRecordedEvent } from './eventMapping.js';
import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  FORWARDS,
  type KurrentDBClient,
  type ReadPosition,
  START,
} from './kurrentClient.js';
import { type CompiledLogFilter, compileLogFilter } from './logFilter.js';
import { toBackwardsReadPosition, toReadPosition } from './positions.js';
import { translateClientError } from './translateClientError.js';

/** The largest page asked of the server at once. */
const PAGE = 500;

const rawPositionOf = (resolved: AllStreamResolvedEvent): bigint | undefined =>
  resolved.event?.position?.commit ?? resolved.commitPosition;

const limitOf = (maxCount: number | undefined): number => {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0)
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
};

/**
 * Reads of `$all` with the port's semantics on top of KurrentDB's:
 * - the port's `after` is exclusive; a KurrentDB forwards read from a position includes the
 *   event there (and a backwards read from an event's position excludes it). Reads start at
 *   `after` and drop every event at or beyond the bound, so either way the answer is exact;
 * - KurrentDB accepts only record boundaries as positions, while a caller may pass any number
 *   (`p - 1`, a position from another store). When the server refuses a position, the read is
 *   redone from a boundary known to be on the right side of it: for forwards reads the last
 *   event at or before `after` (found by reading back from the end), for backwards reads the
 *   end of the log. That costs a scan from the head back to `after` — no more than the read
 *   itself would cover — and only for positions the store did not hand out;
 * - filters are compiled by `compileLogFilter` (one kind on the server, all of it here), so
 *   a page may hold events that are then dropped: pages are read until `maxCount` events
 *   have passed or the log ends.
 */
export class LogReader {
  constructor(private readonly client: KurrentDBClient) {}

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const filter = compileLogFilter(options.filter);
    const max = limitOf(options.maxCount);
    if (filter.matchesNothing || max === 0) return [];
    if (options.direction === 'backwards') {
      const before = options.after;
      const keep = (position: bigint) => before === undefined || position < before;
      try {
        return await this.#collect(toBackwardsReadPosition(before), 'backwards', keep, filter, max);
      } catch (error) {
        if (before === undefined) throw translateClientError(error);
        return this.#translating(() => this.#collect(END, 'backwards', keep, filter, max));
      }
    }
    const after = options.after ?? 0n;
    const keep = (position: bigint) => position > after;
    try {
      return await this.#collect(toReadPosition(after), 'forwards', keep, filter, max);
    } catch (error) {
      if (after <= 0n) throw translateClientError(error);
      // Which error a refused position comes back as is the server's and the bridge's
      // business; any failure gets the fallback, and a real outage fails that too.
      return this.#translating(async () => this.#collect(await this.anchorAtOrBefore(after), 'forwards', keep, filter, max));
    }
  }

  /** The position of the last port event (system events excluded), or 0n when there is none. */
  async headPosition(): Promise<bigint> {
    const [last] = await this.#translating(() => this.#collect(END, 'backwards', () => true, compileLogFilter(undefined), 1));
    return last?.position ?? 0n;
  }

  /**
   * Where a subscription for events after `after` can start: `after` itself when the server
   * can read from there, else the last event at or before it (the subscriber drops what is
   * not after `after`). When the server cannot be reached, that fails (to be retried).
   */
  async startFor(after: bigint): Promise<ReadPosition> {
    if (after <= 0n) return START;
    try {
      for await (const _ of this.client.readAll({ fromPosition: toReadPosition(after), maxCount: 1 })) break;
      return toReadPosition(after);
    } catch {
      // Refused (not a record boundary), or the server is away: the anchor read tells which.
    }
    return this.#translating(() => this.anchorAtOrBefore(after));
  }

  /** The last record boundary at or before `position` that is an event's position (system events too), or START. */
  async anchorAtOrBefore(position: bigint): Promise<ReadPosition> {
    let from: ReadPosition = END;
    for (;;) {
      let read = 0;
      let last: bigint | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: PAGE })) {
        read += 1;
        last = rawPositionOf(resolved);
        if (last !== undefined && last <= position) return toReadPosition(last);
      }
      if (read < PAGE || last === undefined) return START;
      from = toReadPosition(last);
    }
  }

  /** Pages from `start`, keeping events inside the bound that match the filter, up to `max`. */
  async #collect(
    start: ReadPosition,
    direction: 'forwards' | 'backwards',
    keep: (position: bigint) => boolean,
    filter: CompiledLogFilter,
    max: number,
  ): Promise<RecordedEvent[]> {
    const kept: RecordedEvent[] = [];
    let from = start;
    let seen: bigint | undefined;
    for (;;) {
      // One more than needed: a forwards page from an event's position starts with that event.
      const pageSize = Math.min(PAGE, max - kept.length + 1);
      let read = 0;
      const stream = this.client.readAll({
        fromPosition: from,
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        maxCount: pageSize,
        filter: filter.server,
      });
      for await (const resolved of stream) {
        read += 1;
        const position = rawPositionOf(resolved);
        // Continuing from the last event seen repeats it (forwards): never keep one twice.
        if (position === undefined || (seen !== undefined && (direction === 'forwards' ? position <= seen : position >= seen)))
          continue;
        seen = position;
        if (!keep(position)) continue;
        const event = toRecordedEvent(resolved);
        if (!event || !filter.matches(event)) continue;
        kept.push(event);
        if (kept.length >= max) return kept;
      }
      if (read < pageSize || seen === undefined) return kept;
      from = toReadPosition(seen);
    }
  }

  async #translating<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw translateClientError(error);
    }
  }
}
