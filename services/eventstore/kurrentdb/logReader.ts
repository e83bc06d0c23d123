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

/**
 * Every read asks for the leader. The client's default (`requiresLeader: false`) lets its
 * read bridge stay on a follower, or on a node that lost the leadership, and answer from a
 * log behind the one appends went to: a head below a position already handed out, a stream
 * without the append just made. The port promises neither happens.
 */
export const LEADER = { requiresLeader: true } as const;

const rawPositionOf = (resolved: AllStreamResolvedEvent): bigint | undefined =>
  resolved.event?.position?.commit ?? resolved.commitPosition;

const limitOf = (maxCount: number | undefined): number => {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0)
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
};

/** How `#collect` sizes its pages. */
type Paging = 'tight' | 'full';

/**
 * Reads of `$all` with the port's semantics on top of KurrentDB's:
 * - the port's `after` is exclusive; a KurrentDB forwards read from a position includes the
 *   event there (and a backwards read from an event's position excludes it). Reads start at
 *   `after` and drop every event at or beyond the bound, so either way the answer is exact;
 * - KurrentDB accepts only record boundaries as positions, while a caller may pass any number
 *   (a position from another store, or one computed by arithmetic). When the server refuses a
 *   position, the read is redone from a boundary known to be on the right side of it: for
 *   forwards reads the last event at or before `after` (found by reading back from the end),
 *   for backwards reads the end of the log. Such a fallback skips events until it reaches the
 *   bound, so it reads in full pages — never one round trip per few events. Callers holding
 *   a position the store gave out read the event there with `readEventAt`, which needs none;
 * - filters are compiled by `compileLogFilter` (one kind on the server, all of it here), so
 *   a page may hold events that are then dropped: pages are read until `maxCount` events
 *   have passed or the log ends;
 * - every read requires the leader (see {@link LEADER}).
 */
export class LogReader {
  /** `clientOf` gives the client to use now (it is replaced when it stops answering). */
  constructor(private readonly clientOf: () => KurrentDBClient) {}

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const filter = compileLogFilter(options.filter);
    const max = limitOf(options.maxCount);
    if (filter.matchesNothing || max === 0) return [];
    if (options.direction === 'backwards') {
      const before = options.after;
      const keep = (position: bigint) => before === undefined || position < before;
      try {
        return await this.#collect(toBackwardsReadPosition(before), 'backwards', keep, filter, max, 'tight');
      } catch (error) {
        if (before === undefined) throw translateClientError(error);
        return this.#translating(() => this.#collect(END, 'backwards', keep, filter, max, 'full'));
      }
    }
    const after = options.after ?? 0n;
    const keep = (position: bigint) => position > after;
    try {
      return await this.#collect(toReadPosition(after), 'forwards', keep, filter, max, 'tight');
    } catch (error) {
      if (after <= 0n) throw translateClientError(error);
      // Which error a refused position comes back as is the server's and the bridge's
      // business; any failure gets the fallback, and a real outage fails that too.
      return this.#translating(async () =>
        this.#collect(await this.anchorAtOrBefore(after), 'forwards', keep, filter, max, 'full'),
      );
    }
  }

  /**
   * The port event at exactly `position`, or undefined. One read of one event from there:
   * the server answers with the event that starts at that boundary, or refuses a position
   * that is not one — then no event of this log is there, once a read of the head shows the
   * failure was not an outage (an outage fails as unavailable).
   */
  async readEventAt(position: bigint): Promise<RecordedEvent | undefined> {
    if (position <= 0n) return undefined;
    try {
      for await (const resolved of this.clientOf().readAll({
        ...LEADER,
        fromPosition: toReadPosition(position),
        direction: FORWARDS,
        maxCount: 1,
      })) {
        return rawPositionOf(resolved) === position ? toRecordedEvent(resolved) : undefined;
      }
      return undefined;
    } catch {
      await this.headPosition();
      return undefined;
    }
  }

  /** The position of the last port event (system events excluded), or 0n when there is none. */
  async headPosition(): Promise<bigint> {
    const [last] = await this.#translating(() =>
      this.#collect(END, 'backwards', () => true, compileLogFilter(undefined), 1, 'tight'),
    );
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
      for await (const _ of this.clientOf().readAll({ ...LEADER, fromPosition: toReadPosition(after), maxCount: 1 })) break;
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
      for await (const resolved of this.clientOf().readAll({
        ...LEADER,
        fromPosition: from,
        direction: BACKWARDS,
        maxCount: PAGE,
      })) {
        read += 1;
        last = rawPositionOf(resolved);
        if (last !== undefined && last <= position) return toReadPosition(last);
      }
      if (read < PAGE || last === undefined) return START;
      from = toReadPosition(last);
    }
  }

  /**
   * Pages from `start`, keeping events inside the bound that match the filter, up to `max`.
   * `tight` pages ask for no more than still needed (plus the start event a forwards read
   * repeats): right when the read starts at its bound. `full` pages suit reads that first
   * skip events (a fallback from the end or from an anchor).
   */
  async #collect(
    start: ReadPosition,
    direction: 'forwards' | 'backwards',
    keep: (position: bigint) => boolean,
    filter: CompiledLogFilter,
    max: number,
    paging: Paging,
  ): Promise<RecordedEvent[]> {
    const kept: RecordedEvent[] = [];
    let from = start;
    let seen: bigint | undefined;
    const client = this.clientOf();
    for (;;) {
      // One more than needed: a forwards page from an event's position starts with that event.
      const pageSize = paging === 'full' ? PAGE : Math.min(PAGE, max - kept.length + 1);
      let read = 0;
      const stream = client.readAll({
        ...LEADER,
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
