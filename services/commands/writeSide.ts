import type { LedgerState } from '../../projections/ledger.js';
import type { EventStore } from '../eventstore/port.js';
import type { ReadModelFollower } from '../readmodels/follower.js';

/**
 * What a command writes with: the store it decides on and appends to, and the follower of
 * the read models (for the idempotency index, a fold of the log). Every command takes it as
 * its first argument, as every query takes `ReadSide`; `AppDeps` is one.
 */
export interface WriteSide {
  readonly store: EventStore;
  readonly follower: ReadModelFollower<LedgerState>;
}
