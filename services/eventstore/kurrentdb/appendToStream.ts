import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent, RecordedEvent } from '../port.js';
import { requestedRecordedAt, toEventData } from './eventMapping.js';
import { ErrorType, type KurrentDBClient } from './kurrentClient.js';
import { repeatedEventId, resolveRetry } from './retriedAppend.js';
import { satisfies, toStreamState } from './revisions.js';
import { clientErrorType, translateClientError } from './translateClientError.js';

/** What an append needs besides the client: reads of the target stream and of the log head. */
export interface AppendContext {
  readonly client: KurrentDBClient;
  /** The stream's last event, or undefined when there is no stream. */
  lastEventOf(streamId: string): Promise<RecordedEvent | undefined>;
  /** The stream's last `count` events (fewer when it is shorter), in revision order; [] when there is no stream. */
  lastEventsOf(streamId: string, count: number): Promise<RecordedEvent[]>;
  /** The stream's event at `revision`. */
  eventAt(streamId: string, revision: bigint): Promise<RecordedEvent | undefined>;
  /** All of the stream's events ([] when there is no stream). */
  eventsOf(streamId: string): Promise<RecordedEvent[]>;
  /** The `recordedAt` of the last event of the log, if any. */
  lastRecordedAt(): Promise<string | undefined>;
}

const isWrongExpectedVersion = (error: unknown): boolean => clientErrorType(error) === ErrorType.WRONG_EXPECTED_VERSION;

/** How many of a stream's last events an exact-revision append compares its ids with. */
export const RECENT_EVENTS_CHECKED = 32;

/**
 * Append with the port's semantics (see `EventStore.append`) on KurrentDB:
 * - the expected revision is the server's `streamState`, checked atomically by the server;
 * - idempotency: event ids are compared with the target stream's events before the
 *   expected revision counts. With `no_stream` that costs nothing on the way in: a retry
 *   finds the stream existing, which the server refuses, and only then is the stream read.
 *   With an exact revision the server compares ids only when the revision is *below* the
 *   stream's current one; at the current revision it simply writes — and that is exactly a
 *   retry decided after the first attempt landed (the command executor appends at the
 *   revision it read). So the stream's last events (up to {@link RECENT_EVENTS_CHECKED}, one
 *   read) are compared first, and the whole stream only when that window holds part of the
 *   ids. With `any` or `stream_exists` the server's duplicate detection is best-effort, so
 *   the stream is read first;
 * - the result's position is read back from the stream (the event at the new revision), so
 *   it names the last event of the append even when the server answered a retry.
 * What KurrentDB cannot check, this does not either: an id already used in another stream
 * is written again where SQLite refuses it with `DuplicateEventIdError`; so are ids re-appended
 * at the current revision that lie more than {@link RECENT_EVENTS_CHECKED} events back.
 */
export const appendToStream = async (
  context: AppendContext,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> => {
  const streamState = toStreamState(expected);
  const repeated = repeatedEventId(events);
  if (repeated !== undefined) throw new DuplicateEventIdError(streamId, repeated);
  if (events.length === 0) {
    const last = await context.lastEventOf(streamId);
    if (!satisfies(expected, last?.revision))
      throw new WrongExpectedRevisionError(streamId, expected, last?.revision ?? 'no_stream');
    return { nextExpectedRevision: last?.revision ?? -1n, position: last?.position ?? 0n };
  }
  const retried = async () => resolveRetry(streamId, events, await context.eventsOf(streamId));
  if (expected === 'any' || expected === 'stream_exists') {
    const retry = await retried();
    if (retry) return retry;
  } else if (typeof expected === 'bigint') {
    const retry = await retriedAtCurrentRevision(context, streamId, events, expected);
    if (retry) return retry;
  }
  const recordedAt = await importStamp(context, events);
  let nextExpectedRevision: bigint;
  try {
    const result = await context.client.appendToStream(
      streamId,
      events.map((event) => toEventData(event, recordedAt)),
      { streamState },
    );
    nextExpectedRevision = result.nextExpectedRevision;
  } catch (error) {
    if (isWrongExpectedVersion(error)) {
      const retry = await retried();
      if (retry) return retry;
    }
    throw translateClientError(error, { streamId, expected });
  }
  const last = await context.eventAt(streamId, nextExpectedRevision);
  if (!last)
    throw translateClientError(new Error(`appended to ${streamId}, but revision ${nextExpectedRevision} cannot be read back`));
  return { nextExpectedRevision, position: last.position };
};

/**
 * Before an exact-revision append: is it a retry of events that end at (or lie shortly
 * before) the revision it expects? One backwards read of the stream's last events; only
 * when they are at that revision, which is when the server would write the ids again.
 */
const retriedAtCurrentRevision = async (
  context: AppendContext,
  streamId: string,
  events: readonly NewEvent[],
  expected: bigint,
): Promise<AppendResult | undefined> => {
  const window = Math.max(events.length, RECENT_EVENTS_CHECKED);
  const recent = await context.lastEventsOf(streamId, window);
  if (recent.at(-1)?.revision !== expected) return undefined; // the server checks (below) or refuses (above)
  try {
    return resolveRetry(streamId, events, recent);
  } catch (error) {
    // Some ids in the window, others perhaps just before it: the whole stream decides.
    if (recent.length === window && recent[0]!.revision > 0n)
      return resolveRetry(streamId, events, await context.eventsOf(streamId));
    throw error;
  }
};

/**
 * An import brings each event's original `recordedAt`; KurrentDB stamps its own `created`,
 * so the original goes to metadata. The port keeps `recordedAt` non-decreasing along the
 * log: a stamp below the log's last one is raised to it; one append shares one stamp.
 */
export const importStamp = async (context: AppendContext, events: readonly NewEvent[]): Promise<string | undefined> => {
  const requested = events[0] && requestedRecordedAt(events[0]);
  if (requested === undefined || Number.isNaN(Date.parse(requested))) return undefined;
  const last = await context.lastRecordedAt();
  const stamp = last !== undefined && Date.parse(last) > Date.parse(requested) ? Date.parse(last) : Date.parse(requested);
  return new Date(stamp).toISOString();
};
