import type { DomainEvent } from './events.js';

/**
 * What a decision may know beyond its own stream: the stream ids of the other aggregates
 * it references that exist (an article, a place, actors). The service loads them before
 * deciding, so `decide` stays pure and synchronous.
 */
export interface DecideContext {
  /** Whether a stream exists (a `ReadonlySet` of stream ids will do). */
  readonly existing: { has(streamId: string): boolean };
}

/**
 * The streams that exist in `a` or in `b`, without copying either: a batch decides hundreds
 * of commands, each against what it loaded plus what the commands before it create.
 */
export const existingInEither = (a: DecideContext['existing'], b: DecideContext['existing']): DecideContext['existing'] => ({
  has: (streamId) => a.has(streamId) || b.has(streamId),
});

/**
 * A decider (Equinox / Emmett vocabulary): three plain functions over one aggregate.
 * - `evolve` never throws: replaying history must always succeed; events of other types
 *   leave the state as it is.
 * - `decide` returns the new events, or none when there is nothing to do (so a repeated
 *   command is idempotent), or throws a `DomainError` with a stable code.
 * - `references` lists the stream ids the command names outside its own stream, for the
 *   service to check before deciding.
 */
export interface Decider<Command, State> {
  readonly initialState: State;
  evolve(state: State, event: DomainEvent): State;
  decide(command: Command, state: State, context: DecideContext): DomainEvent[];
  references(command: Command): string[];
}

export const fold = <State>(
  decider: Pick<Decider<unknown, State>, 'initialState' | 'evolve'>,
  events: Iterable<DomainEvent>,
): State => {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
