import type { Decider } from '../../domain/decider.js';
import { fold } from '../../domain/decider.js';
import { type DomainEvent, decodeEvent, EVENT_SCHEMAS } from '../../domain/events.js';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../eventstore/errors.js';
import type { ActualRevision, EventMetadata, EventStore, NewEvent, RecordedEvent } from '../eventstore/port.js';
import { HttpProblem } from '../http/problem.js';

/** The answer to a write: where the stream stands after it. */
export interface WriteOutcome {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** False when the decision had nothing to do (an identical repeat): nothing was appended. */
  readonly appended: boolean;
}

export interface ExecuteOptions {
  /** `If-Match`: the revision the caller last saw; a mismatch answers 412 and changes nothing. */
  readonly ifMatch?: bigint;
  readonly metadata: EventMetadata;
  /** Event id for the i-th new event. */
  readonly eventId: (event: DomainEvent, index: number) => string;
}

/** Without If-Match, a concurrent writer makes us decide again on the new state, a few times. */
const MAX_ATTEMPTS = 5;

const readHistory = async (store: EventStore, streamId: string): Promise<RecordedEvent[]> => {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
};

const decoded = (history: readonly RecordedEvent[]): DomainEvent[] =>
  history.flatMap((e) => {
    const result = decodeEvent(e.type, e.schemaVersion, e.data);
    return result.ok ? [result.event] : [];
  });

const existingOf = async (store: EventStore, streamIds: readonly string[]): Promise<Set<string>> => {
  const unique = [...new Set(streamIds)];
  const revisions = await Promise.all(unique.map((id) => store.streamRevision(id)));
  return new Set(unique.filter((_, i) => revisions[i] !== 'no_stream'));
};

const preconditionFailed = (streamId: string, expected: bigint, actual: ActualRevision) =>
  new HttpProblem(
    412,
    'precondition_failed',
    'Precondition failed',
    `If-Match expected ${streamId} at revision ${expected}, but it is ${actual === 'no_stream' ? 'missing' : `at revision ${actual}`}`,
    { currentRevision: String(actual) },
  );

export interface Decision {
  readonly last: RecordedEvent | undefined;
  readonly current: ActualRevision;
  readonly events: DomainEvent[];
}

/** Load the stream, fold it, check the references and decide — without writing anything. */
export const decideOn = async <Command, State>(
  store: EventStore,
  decider: Decider<Command, State>,
  streamId: string,
  command: Command,
): Promise<Decision> => {
  const history = await readHistory(store, streamId);
  const last = history.at(-1);
  const state = fold(decider, decoded(history));
  const existing = await existingOf(store, decider.references(command));
  return { last, current: last ? last.revision : 'no_stream', events: decider.decide(command, state, { existing }) };
};

/**
 * Decide, then append with the expected revision the decision was made on. Nothing is
 * written unless every check passes.
 */
export const execute = async <Command, State>(
  store: EventStore,
  decider: Decider<Command, State>,
  streamId: string,
  command: Command,
  options: ExecuteOptions,
): Promise<WriteOutcome> => {
  for (let attempt = 1; ; attempt++) {
    const { last, current, events } = await decideOn(store, decider, streamId, command);
    if (options.ifMatch !== undefined && options.ifMatch !== current)
      throw preconditionFailed(streamId, options.ifMatch, current);
    if (events.length === 0) {
      // Nothing to do: the ledger already says what the command asks.
      if (!last) throw new Error(`decider returned no events for a missing stream ${streamId}`);
      return { streamId, revision: last.revision, position: last.position, appended: false };
    }
    const newEvents: NewEvent[] = events.map((event, i) => ({
      eventId: options.eventId(event, i),
      type: event.type,
      schemaVersion: EVENT_SCHEMAS[event.type].schemaVersion,
      data: event.data,
      metadata: options.metadata,
    }));
    try {
      const result = await store.append(streamId, newEvents, { expectedRevision: current });
      return { streamId, revision: result.nextExpectedRevision, position: result.position, appended: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (options.ifMatch !== undefined) throw preconditionFailed(streamId, options.ifMatch, error.actual);
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
};
