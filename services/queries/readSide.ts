import type { LedgerState } from '../../projections/ledger.js';
import type { EventStore } from '../eventstore/port.js';
import type { ControlCache } from '../readmodels/controlCache.js';
import type { ReadModelFollower } from '../readmodels/follower.js';

/**
 * What a query reads: the read models and their follower, the control cache over them, and
 * the store (for the head of the log). Every query takes it as its first argument; `AppDeps`
 * is one.
 */
export interface ReadSide {
  readonly store: EventStore;
  readonly follower: ReadModelFollower<LedgerState>;
  readonly controlCache: ControlCache;
  readonly config: {
    /** How long a read waits for the read models to reach a position given out (read-your-writes). */
    readonly minPositionWaitMs: number;
  };
}
