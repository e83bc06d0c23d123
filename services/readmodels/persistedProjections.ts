import type { Projection } from '../../projections/envelope.js';
import { ledgerProjection } from '../../projections/ledger.js';

/**
 * The projections whose snapshots the snapshot thread can write, by name: the thread folds
 * events with its own copy of the projection, so it must find the same one the follower runs.
 */
export const PERSISTED_PROJECTIONS: ReadonlyMap<string, Projection<unknown>> = new Map([
  [ledgerProjection.name, ledgerProjection as Projection<unknown>],
]);
