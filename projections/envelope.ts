import type { DomainEvent } from '../domain/events.js';

/**
 * A decoded event as projections see it: the domain event plus where and when the ledger
 * recorded it (knowledge time). Projections are pure folds over these.
 */
export interface Envelope {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly recordedAt: string;
  readonly principal: string;
  /** The event's metadata as stored (principal, correlation, idempotency key, …). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly event: DomainEvent;
}

/** A read model is a pure fold: `name` and `version` identify it (a version bump means rebuild). */
export interface Projection<State> {
  readonly name: string;
  readonly version: number;
  initialState(): State;
  /** Never throws; events it does not care about leave the state as it is. Mutating `state` in place is allowed. */
  evolve(state: State, envelope: Envelope): State;
}
