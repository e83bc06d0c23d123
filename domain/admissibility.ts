import type { DecideContext, Decider } from './decider.js';
import { deciders } from './deciders.js';
import { DomainError, type DomainErrorCode } from './errors.js';
import type { DomainEvent } from './events.js';
import { categoryOf, streamIdOf } from './ids.js';
import { sameData } from './plainData.js';
import { recordedCommandOf } from './recordedCommand.js';

/**
 * Admissibility of a recorded event: could the ledger have decided it? An import replays
 * events that no decider produced here, so each is checked as its command would be: the
 * aggregate's decider decides the command the event answers (`recordedCommand.ts`) on the
 * stream's state folded so far, with the streams found to exist, and must record exactly
 * this event. Every rule of `domain/<aggregate>/decide.ts` applies unchanged — references
 * exist, a retracted claim is not corrected, corroborated, disputed or retracted again,
 * follow-ups need a registration, claim shapes per kind, no self-parent (so no place or actor
 * cycle: parents are set only at registration and must exist first) — plus what a command
 * gets for free: the event sits in its own aggregate's stream.
 */

/** A domain error code, or one of the rules only a recorded event can break. */
export type AdmissibilityRule =
  | DomainErrorCode
  /** The event names an aggregate other than the stream it is in. */
  | 'wrong_stream'
  /** The decision has nothing to do: a command would have appended no event. */
  | 'no_effect'
  /** The decision records other data than the event carries. */
  | 'not_as_decided';

export interface Inadmissible {
  readonly rule: AdmissibilityRule;
  readonly message: string;
  /** The failing fields of the event's data, as paths (`placeId`, `actorIds/1`, `corrected/share`). */
  readonly fields: readonly string[];
}

/** What an import knows of one stream: its decider's state, folded over the events so far. */
export interface StreamHistory {
  readonly streamId: string;
  readonly state: unknown;
}

const deciderOf = (streamId: string): Decider<unknown, unknown> | undefined => {
  const category = categoryOf(streamId);
  return Object.hasOwn(deciders, category)
    ? (deciders[category as keyof typeof deciders] as Decider<unknown, unknown>)
    : undefined;
};

/** A stream with no events yet. */
export const emptyHistory = (streamId: string): StreamHistory => ({ streamId, state: deciderOf(streamId)?.initialState });

/** The history after one more event (evolve never throws; a stream of no aggregate keeps no state). */
export const afterEvent = (history: StreamHistory, event: DomainEvent): StreamHistory => {
  const decider = deciderOf(history.streamId);
  return decider ? { streamId: history.streamId, state: decider.evolve(history.state, event) } : history;
};

/** Every aggregate's state is `undefined` until its registration (see each `state.ts`). */
export const isRegistered = (history: StreamHistory): boolean => history.state !== undefined;

/** The stream ids outside its own stream that the event names; the caller finds which exist, as for a command. */
export const referencesOf = (event: DomainEvent): string[] => {
  const { category, command } = recordedCommandOf(event);
  return (deciders[category] as Decider<unknown, unknown>).references(command);
};

const REGISTRATIONS: ReadonlySet<string> = new Set([
  'SourceRegistered',
  'PlaceRegistered',
  'ActorRegistered',
  'ArticleRecorded',
  'ClaimRecorded',
]);

/** A command's field path as the event's: the id field by its name, a correction's `changes/` as `corrected/`. */
const eventField = (field: string, idField: string): string =>
  field === 'id' ? idField : field.startsWith('changes/') ? `corrected/${field.slice('changes/'.length)}` : field;

/**
 * Why `event` could not follow `history`, or `undefined` when it could. `context.existing`
 * holds the referenced streams (`referencesOf`) that exist before this event. Pure.
 */
export const inadmissibility = (history: StreamHistory, event: DomainEvent, context: DecideContext): Inadmissible | undefined => {
  const { category, id, idField, command } = recordedCommandOf(event);
  const own = streamIdOf(category, id);
  if (own !== history.streamId) {
    return {
      rule: 'wrong_stream',
      message: `${event.type} of ${category} ${id} belongs in stream ${own}, not ${history.streamId}`,
      fields: [idField],
    };
  }
  let decided: DomainEvent[];
  try {
    decided = (deciders[category] as Decider<unknown, unknown>).decide(command, history.state, context);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { rule: error.code, message: error.message, fields: error.fields.map((field) => eventField(field, idField)) };
  }
  if (decided.length === 0) {
    // A registration repeated identically is recognised, not recorded twice: a stream has one.
    return REGISTRATIONS.has(event.type)
      ? { rule: 'already_exists', message: `${category} ${id} is already registered: a stream has one ${event.type}`, fields: [] }
      : { rule: 'no_effect', message: `${event.type} changes nothing in ${own}: no command would record it`, fields: [] };
  }
  const [only] = decided;
  if (decided.length !== 1 || only?.type !== event.type || !sameData(only.data, event.data)) {
    return { rule: 'not_as_decided', message: `${event.type} is not what the decision on ${own} records`, fields: [] };
  }
  return undefined;
};
