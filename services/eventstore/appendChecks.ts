import { DuplicateEventIdError } from './errors.js';
import type { AppendResult, ExpectedRevision, NewEvent, StreamAppend } from './port.js';

/**
 * The port's preconditions of an append, checked once for every adapter before anything is
 * read: an exact expected revision is never negative, and no event id appears twice in one
 * call (`seen` carries the ids of the call's other streams).
 */
export const checkAppend = (
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  seen: Set<string> = new Set(),
): void => {
  if (typeof expected === 'bigint' && expected < 0n) throw new RangeError(`expected revision must be >= 0, got ${expected}`);
  for (const event of events) {
    if (seen.has(event.eventId)) throw new DuplicateEventIdError(streamId, event.eventId);
    seen.add(event.eventId);
  }
};

/** `appendMulti`'s preconditions (see `EventStore.appendMulti`): each stream once, each with events. */
export const checkAppendMulti = (appends: readonly StreamAppend[]): void => {
  const streams = new Set<string>();
  const seen = new Set<string>();
  for (const { streamId, events, expectedRevision = 'any' } of appends) {
    if (streams.has(streamId))
      throw new RangeError(`appendMulti: stream ${streamId} appears twice; give all of its events in one entry`);
    streams.add(streamId);
    if (events.length === 0) throw new RangeError(`appendMulti: no events for stream ${streamId}`);
    checkAppend(streamId, events, expectedRevision, seen);
  }
};

/**
 * A whole call's retry status from each stream's (what `append` would answer for that stream
 * alone: undefined when none of its ids is in the log, its original result when it is a
 * retry; a partial overlap inside one stream has already thrown). Streams without events
 * carry no ids and do not count.
 * - every stream with events is a retry: the original results, in the order given;
 * - none is: undefined, a new append;
 * - some are, some are not: `DuplicateEventIdError` naming the first stream that was.
 */
export const combinedRetry = (
  appends: readonly StreamAppend[],
  retries: readonly (AppendResult | undefined)[],
): AppendResult[] | undefined => {
  const counted = appends.map((append, i) => ({ append, retry: retries[i] })).filter(({ append }) => append.events.length > 0);
  const retried = counted.filter(({ retry }) => retry !== undefined);
  if (retried.length === 0) return undefined;
  if (retried.length < counted.length) {
    const first = retried[0]!.append;
    throw new DuplicateEventIdError(first.streamId, first.events[0]!.eventId);
  }
  return appends.map((_, i) => retries[i]!);
};
