import type Database from 'better-sqlite3';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent } from '../port.js';
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

/**
 * Append in one `BEGIN IMMEDIATE` transaction. The lean path costs one indexed lookup of
 * the stream's head plus the inserts; event ids are only looked up when the expected
 * revision fails or the UNIQUE(event_id) constraint fires — the two ways a retry shows up.
 */
export const appendToStream = (
  context: AppendContext,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): AppendResult => {
  const { db, statements, clock } = context;
  if (typeof expected === 'bigint' && expected < 0n) throw new RangeError(`expected revision must be >= 0, got ${expected}`);
  const ids = new Set(events.map((event) => event.eventId));
  if (ids.size !== events.length) {
    const repeated = events.find((event, i) => events.findIndex((other) => other.eventId === event.eventId) !== i)!;
    throw new DuplicateEventIdError(streamId, repeated.eventId);
  }
  const write = db.transaction((): AppendResult => {
    const head = statements.streamHead.get(streamId);
    if (!matches(expected, head)) {
      const retried = events.length > 0 ? resolveRetry(statements, streamId, events) : undefined;
      if (retried) return retried;
      throw new WrongExpectedRevisionError(streamId, expected, head?.revision ?? 'no_stream');
    }
    if (events.length === 0) return { nextExpectedRevision: head?.revision ?? -1n, position: head?.position ?? 0n };
    const category = categoryOf(streamId);
    // An import carries the original ledger's knowledge time; the clock keeps it non-decreasing.
    const recordedAt = clock.next(events[0]?.recordedAt);
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
  });
  try {
    return write.immediate();
  } catch (error) {
    if (!(error instanceof EventIdTaken)) throw error;
    // Rolled back: the log holds only earlier appends, so this is a retry or a duplicate.
    const retried = resolveRetry(statements, streamId, events);
    if (!retried) throw new Error('unreachable: UNIQUE(event_id) failed but no event id is in the log');
    return retried;
  }
};

const isEventIdTaken = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  error.message.includes('events.event_id');
