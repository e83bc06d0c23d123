import type { Decider } from '../../domain/decider.js';
import { fold } from '../../domain/decider.js';
import { type DomainEvent, decodeEvent, EVENT_SCHEMAS } from '../../domain/events.js';
import { ApplicationError } from '../applicationError.js';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../eventstore/errors.js';
import type { ActualRevision, EventMetadata, EventStore, NewEvent, RecordedEvent } from '../eventstore/port.js';
import { describeIfMatch, type IfMatch, ifMatchHolds } from './ifMatch.js';

/** The answer to a write: where the stream stands after it. */
export interface WriteOutcome {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** False when the decision had nothing to do (an identical repeat): nothing was appended. */
  readonly appended: boolean;
}

export interface ExecuteOptions {
  /** `If-Match`: the revision(s) the caller last saw, or `*`; a mismatch is `precondition_failed` and changes nothing. */
  readonly ifMatch?: IfMatch;
  readonly metadata: EventMetadata;
  /** Event id for the i-th new event. */
  readonly eventId: (event: DomainEvent, index: number) => string;
}

/** A concurrent writer makes us check If-Match and decide again on the new state, a few times. */
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

/** What a decision reads from the store: a stream's history, and which streams exist. */
export interface StreamReads {
  /** The stream's events in order; `[]` when it does not exist. */
  history(streamId: string): Promise<RecordedEvent[]>;
  /** Those of `streamIds` that exist. */
  existing(streamIds: readonly string[]): Promise<Set<string>>;
}

const existingOf = async (
  revisionOf: (streamId: string) => Promise<ActualRevision>,
  streamIds: readonly string[],
): Promise<Set<string>> => {
  const unique = [...new Set(streamIds)];
  const revisions = await Promise.all(unique.map(revisionOf));
  return new Set(unique.filter((_, i) => revisions[i] !== 'no_stream'));
};

/** Every read straight from the store: what a single command needs. */
export const directReads = (store: EventStore): StreamReads => ({
  history: (streamId) => readHistory(store, streamId),
  existing: (streamIds) => existingOf((id) => store.streamRevision(id), streamIds),
});

/**
 * Reads for one decision round of a batch (`executeMany`): each stream's revision is asked
 * once however many commands name it (a batch of dataset rows names the same places, actors
 * and sources again and again), and a stream found missing is not read. Safe because streams
 * are never deleted: a stream seen existing stays so, and one seen missing that another
 * writer creates meanwhile makes the append fail on its expected revision, and the batch is
 * decided again with fresh reads.
 */
export const batchReads = (store: EventStore): StreamReads => {
  const revisions = new Map<string, Promise<ActualRevision>>();
  const revisionOf = (streamId: string) => {
    let revision = revisions.get(streamId);
    if (!revision) {
      revision = store.streamRevision(streamId);
      revisions.set(streamId, revision);
    }
    return revision;
  };
  return {
    history: async (streamId) => ((await revisionOf(streamId)) === 'no_stream' ? [] : readHistory(store, streamId)),
    existing: (streamIds) => existingOf(revisionOf, streamIds),
  };
};

/** `precondition_failed` (RFC 9110 §13.1.1): nothing was written; `currentRevision` says where the stream is. */
const preconditionFailed = (streamId: string, ifMatch: IfMatch, actual: ActualRevision) =>
  new ApplicationError(
    'precondition_failed',
    `${describeIfMatch(ifMatch, streamId)}, but it is ${actual === 'no_stream' ? 'missing' : `at revision ${actual}`}`,
    [],
    { currentRevision: String(actual) },
  );

/** What a decision on one stream needs from the store: its history, and which of the streams it references exist. */
export interface Loaded<State> {
  readonly last: RecordedEvent | undefined;
  readonly current: ActualRevision;
  readonly state: State;
  readonly existing: ReadonlySet<string>;
}

/** Load the stream and fold it, and look up the streams the command references. */
export const load = async <Command, State>(
  reads: StreamReads,
  decider: Decider<Command, State>,
  streamId: string,
  command: Command,
): Promise<Loaded<State>> => {
  const [history, existing] = await Promise.all([reads.history(streamId), reads.existing(decider.references(command))]);
  const last = history.at(-1);
  return { last, current: last ? last.revision : 'no_stream', state: fold(decider, decoded(history)), existing };
};

/** The events a decision appends, as the store takes them. */
export const toNewEvents = (
  events: readonly DomainEvent[],
  metadata: EventMetadata,
  eventId: (event: DomainEvent, index: number) => string,
): NewEvent[] =>
  events.map((event, i) => ({
    eventId: eventId(event, i),
    type: event.type,
    schemaVersion: EVENT_SCHEMAS[event.type].schemaVersion,
    data: event.data,
    metadata,
  }));

/**
 * Check `If-Match`, decide, then append with the expected revision the decision was made on.
 * Nothing is written unless every check passes.
 */
export const execute = async <Command, State>(
  store: EventStore,
  decider: Decider<Command, State>,
  streamId: string,
  command: Command,
  options: ExecuteOptions,
): Promise<WriteOutcome> => {
  for (let attempt = 1; ; attempt++) {
    const { last, current, state, existing } = await load(directReads(store), decider, streamId, command);
    // Preconditions come before the method (RFC 9110 §13.2.2): a stale If-Match is `precondition_failed`
    // even where the decision would refuse the command for another reason.
    if (options.ifMatch !== undefined && !ifMatchHolds(options.ifMatch, current))
      throw preconditionFailed(streamId, options.ifMatch, current);
    const events = decider.decide(command, state, { existing });
    if (events.length === 0) {
      // Nothing to do: the ledger already says what the command asks.
      if (!last) throw new Error(`decider returned no events for a missing stream ${streamId}`);
      return { streamId, revision: last.revision, position: last.position, appended: false };
    }
    const newEvents = toNewEvents(events, options.metadata, options.eventId);
    try {
      const result = await store.append(streamId, newEvents, { expectedRevision: current });
      return { streamId, revision: result.nextExpectedRevision, position: result.position, appended: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Another writer got in first: decide again on the new state. The If-Match check above
      // then refuses when the precondition no longer holds (`*` still does).
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
};
