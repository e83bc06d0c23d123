import { type LedgerState, ledgerProjection } from '../../projections/ledger.js';
import { cutLedger, restoreLedger } from '../../services/readmodels/ledgerSnapshot.js';
import { openSnapshot, writeSnapshot } from '../../services/readmodels/snapshots.js';

/** A ledger snapshot as tests read and write it whole: its header fields and its state. */
export interface LedgerSnapshot {
  readonly projection: string;
  readonly version: number;
  readonly position: bigint;
  readonly lastEventId: string | undefined;
  readonly state: LedgerState;
}

/** The ledger snapshot at `path` with its state restored, or undefined (none, other format or version). */
export const readLedgerSnapshot = async (
  path: string,
  version = ledgerProjection.version,
): Promise<LedgerSnapshot | undefined> => {
  const reader = await openSnapshot(path, ledgerProjection.name, version);
  if (!reader) return undefined;
  try {
    return { ...reader.header, state: await restoreLedger(reader.frames()) };
  } finally {
    await reader.close();
  }
};

/** Write `snapshot` to `path` as the follower would (its state cut at its position). */
export const writeLedgerSnapshotAt = async (path: string, { state, ...header }: LedgerSnapshot): Promise<void> => {
  await writeSnapshot(path, header, cutLedger(state, header.position));
};
