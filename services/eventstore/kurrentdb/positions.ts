import { EventStoreError } from '../errors.js';
import { END, type Position, type ReadPosition, START } from './kurrentClient.js';

/**
 * Positions. KurrentDB places every event of `$all` at `{ commit, prepare }`. The port carries
 * one `bigint`: the commit position, which is what orders `$all`.
 *
 * Every append this adapter makes is a single-stream append (an implicit transaction), and
 * for those the server gives each event a commit position equal to its prepare position —
 * the log position of the event's own record. So the pair is rebuilt as `{ commit: p,
 * prepare: p }`, and it names exactly that event. (Events written by the legacy TCP API's
 * explicit transactions share one commit position per transaction; a log holding such
 * events would give several port events one position. sijill never writes them.)
 * `appendMulti` uses the server's multi-stream append (25.1); the contract suite's
 * `appendMulti` cases check that its events, too, read back at distinct, increasing positions.
 *
 * The position 0 means "before everything" (the first record of a KurrentDB log is an epoch
 * record, never an event), so it reads as `START`.
 */
export const toReadPosition = (position: bigint): ReadPosition =>
  position <= 0n ? START : { commit: position, prepare: position };

/** Reading backwards "after" no position means from the end. */
export const toBackwardsReadPosition = (position: bigint | undefined): ReadPosition =>
  position === undefined ? END : toReadPosition(position);

/**
 * The port position of an event as read: its commit position. Stream reads report it only
 * on servers after 22.6; the resolved event's own `commitPosition` is the fallback.
 */
export const portPositionOf = (position: Position | undefined, commitPosition: bigint | undefined): bigint => {
  const commit = position?.commit ?? commitPosition;
  if (commit === undefined) {
    throw new EventStoreError('KurrentDB did not report the position of an event; sijill needs KurrentDB 22.6 or later');
  }
  return commit;
};
