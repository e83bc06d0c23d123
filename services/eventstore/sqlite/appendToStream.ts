import type Database from 'better-sqlite3';
import { checkAppend, combinedRetry } from '../appendChecks.js';
import { WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent, StreamAppend } from '../port.js';
import type { RecordedAtClock } from './recordedAtClock.js';
import { resolveRetry } from './retriedAppend.js';
import { categoryOf } from './rows.js';
import type { Statements, StreamHead } from './statements.js';

export interface AppendContext {
  readonly db: Database.Database;
  readonly statements: Statements;
  readonly clock: RecordedAtClock;
}

const matches = (expected: ExpectedRevision, head: StreamHead | undefined): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return head === undefined;
  if (expected === 'stream_exists') return head !== undefined;
  return head?.revision === expected;
};

/** Thrown inside the transaction so it rolls back; answered outside it. */
class EventIdTaken extends Error {}

/** Is every stream's append a retry (see `combinedRetry`)? Throws `DuplicateEventIdError` for a partial overlap. */
const retriedAppends = (statements: Statements, appends: readonly StreamAppend[]): AppendResult[] | undefined =>
  combinedRetry(
    appends,
    appends.map(({ streamId, events }) => (events.length > 0 ? resolveRetry(statements, streamId, events) : undefined)),
  );

/**
 * Append to one stream (the port's `append`; its preconditions checked here). The same
 * transaction as `appendToStreams`, for one stream.
 */
export const appendToStream = (
  context: AppendContext,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): AppendResult => {
  checkAppend(streamId, events, expected);
  return appendToStreams(context, [{ streamId, events, expectedRevision: expected }])[0]!;
};

/**
 * Append to one or more streams in one `BEGIN IMMEDIATE` transaction (a savepoint when the
 * group commit runs it inside its own): every expected revision is checked, then every event
 * is inserted, in the order given, or nothing is. The caller has checked the port's
 * preconditions (`checkAppend`, `checkAppendMulti`).
 *
 * The lean path costs one indexed lookup of each stream's head plus the inserts; event ids
 * are only looked up when an expected revision fails or the UNIQUE(event_id) constraint
 * fires — the two ways a retry shows up.
 */
export const appendToStreams = (context: AppendContext, appends: readonly StreamAppend[]): AppendResult[] => {
  const { db, statements, clock } = context;
  const write = db.transaction((): AppendResult[] => {
    const heads = appends.map(({ streamId }) => statements.streamHead.get(streamId));
    const conflict = appends.findIndex(({ expectedRevision = 'any' }, i) => !matches(expectedRevision, heads[i]));
    if (conflict !== -1) {
      const retried = retriedAppends(statements, appends);
      if (retried) return retried;
      const { streamId, expectedRevision = 'any' } = appends[conflict]!;
      throw new WrongExpectedRevisionError(streamId, expectedRevision, heads[conflict]?.revision ?? 'no_stream');
    }
    // An import carries the original ledger's knowledge time; the clock keeps it non-decreasing.
    let recordedAt: string | undefined;
    return appends.map(({ streamId, events }, i) => {
      const head = heads[i];
      if (events.length === 0) return { nextExpectedRevision: head?.revision ?? -1n, position: head?.position ?? 0n };
      recordedAt ??= clock.next(events[0]?.recordedAt);
      return insertEvents(statements, streamId, head, events, recordedAt);
    });
  });
  try {
    return write.immediate();
  } catch (error) {
    if (!(error instanceof EventIdTaken)) throw error;
    // Rolled back: the log holds only earlier appends, so this is a retry or a duplicate.
    const retried = retriedAppends(statements, appends);
    if (!retried) throw new Error('unreachable: UNIQUE(event_id) failed but no event id is in the log');
    return retried;
  }
};

const insertEvents = (
  statements: Statements,
  streamId: string,
  head: StreamHead | undefined,
  events: readonly NewEvent[],
  recordedAt: string,
): AppendResult => {
  const category = categoryOf(streamId);
  let revision = head === undefined ? 0n : head.revision + 1n;
  let position = 0n;
  for (const event of events) {
    try {
      const info = statements.insert.run(
        streamId,
        category,
        revision,
        event.eventId,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data ?? null),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = BigInt(info.lastInsertRowid);
    } catch (error) {
      if (isEventIdTaken(error)) throw new EventIdTaken();
      throw error;
    }
    revision += 1n;
  }
  return { nextExpectedRevision: revision - 1n, position };
};

const isEventIdTaken = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  error.message.includes('events.event_id');
