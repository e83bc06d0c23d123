import { ApplicationError, type FieldError } from '../applicationError.js';
import type { EventStore } from '../eventstore/port.js';

/**
 * The largest log position any store gives out: SQLite row ids and KurrentDB commit positions
 * are signed 64-bit integers, so a larger number cannot name an event (and SQLite refuses to
 * bind it).
 */
export const MAX_POSITION = 9_223_372_036_854_775_807n;

/** A position's text form: decimal digits (1 to 20 of them). */
export const POSITION_DIGITS = /^\d{1,20}$/;

/** Whether a text is a position some store could give out: decimal, at most {@link MAX_POSITION}. */
export const isPositionText = (text: string | undefined): text is string =>
  text !== undefined && POSITION_DIGITS.test(text) && BigInt(text) <= MAX_POSITION;

/**
 * A log position named by a request, with where it came from (for the problem's `errors`).
 * `field` is a JSON Pointer into the request part `in` (`querystring`, `headers`, `body`,
 * `params`), as in every validation problem.
 */
export interface NamedPosition {
  readonly field: string;
  readonly in: FieldError['in'];
  /** Absent when the request left the parameter out: nothing to check. */
  readonly position: bigint | undefined;
}

/**
 * Refuse every position the store has not given out yet: `position_beyond_head`, naming
 * the fields and (in `head`) the last position given out.
 *
 * Why: positions are opaque tokens that only the store hands out. A position beyond the head
 * cannot have come from this ledger, and serving it would be wrong later: "after 37" on a
 * 35-event log answers nothing now, and once 36 and 37 are written a reader resuming after
 * 37 never sees them. The head itself is fine (an empty page, or live events only). The head
 * only grows, so a position accepted here stays valid.
 */
export const refuseBeyondHead = (head: bigint, positions: readonly NamedPosition[]): void => {
  const beyond = positions.filter((p) => p.position !== undefined && p.position > head);
  if (beyond.length === 0) return;
  const names = beyond.map((p) => `${p.field.slice(1)} ${p.position}`).join(', ');
  throw new ApplicationError(
    'position_beyond_head',
    `${names}: beyond the head of the log (${head}); a position is valid only once the ledger has given it out`,
    beyond.map((p) => ({ field: p.field, in: p.in, message: `beyond the head of the log (${head})` })),
    { head: head.toString() },
  );
};

/**
 * {@link refuseBeyondHead} against the store's head, read only when a position is above
 * `issued` — a position already known to be given out (e.g. what the read models reflect),
 * so that the common case costs no read.
 */
export const requireIssued = async (store: EventStore, positions: readonly NamedPosition[], issued = 0n): Promise<void> => {
  if (positions.every((p) => p.position === undefined || p.position <= issued)) return;
  refuseBeyondHead(await store.headPosition(), positions);
};

/** A query parameter's position, or undefined when absent. */
export const queryPosition = (name: string, text: string | undefined): NamedPosition => ({
  field: `/${name}`,
  in: 'querystring',
  position: text === undefined ? undefined : BigInt(text),
});
