import type { LedgerState } from '../../projections/ledger.js';
import { ledgerProjection } from '../../projections/ledger.js';
import { cutLedger, restoreLedger } from './ledgerSnapshot.js';

/**
 * How a projection's state is written to a snapshot and read back (`snapshots.ts` frames).
 * `cut` is called at the follower's position and copies at once whatever later events would
 * overwrite; its frames are then pulled one at a time while the follower goes on applying
 * events, so each must reflect the state at that position still.
 */
export interface SnapshotCodec<State> {
  cut(state: State, position: bigint): Iterable<unknown>;
  /** @throws Error on frames `cut` does not make (a damaged snapshot). */
  restore(frames: AsyncIterable<unknown>): Promise<State>;
}

const ledgerCodec: SnapshotCodec<LedgerState> = { cut: cutLedger, restore: restoreLedger };

/** The projections that can be persisted, by name. */
export const SNAPSHOT_CODECS: ReadonlyMap<string, SnapshotCodec<unknown>> = new Map([
  [ledgerProjection.name, ledgerCodec as SnapshotCodec<unknown>],
]);
