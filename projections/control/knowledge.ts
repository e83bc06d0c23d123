/**
 * Knowledge time: what the ledger knew, and when. The control rule reads every claim "as
 * known at K"; these are the shapes it reads and the one test of "known at K".
 */

/** When the ledger learned something: a log position and its `recordedAt` (ISO 8601 UTC, never decreasing along the log). */
export interface Known {
  readonly position: bigint;
  readonly recordedAt: string;
}

/**
 * The knowledge cutoff K: a log position (`asOf`) and/or an instant (`knownAt`); a field left
 * out does not restrict, so `{}` is "everything recorded". Both given: both must hold.
 */
export interface Cutoff {
  readonly position?: bigint;
  readonly instant?: string;
}

/** The cutoff that admits everything recorded: the current-knowledge fast path. */
export const EVERYTHING: Cutoff = Object.freeze({});

/**
 * Whether `recordedAt` is at or before `instant`. Two canonical UTC stamps of one precision
 * (`toISOString()` form, what the stores write) compare as text, which costs no parsing;
 * anything else (`…:00Z` against `…:00.000Z`, an offset) compares as instants, because text
 * order would put `10:00:00Z` after `10:00:00.500Z`.
 */
export const atOrBefore = (recordedAt: string, instant: string): boolean =>
  recordedAt.length === instant.length && recordedAt.endsWith('Z') && instant.endsWith('Z')
    ? recordedAt <= instant
    : Date.parse(recordedAt) <= Date.parse(instant);

/**
 * Whether something recorded at `known` is known at K. Positions and `recordedAt` both grow
 * along the log, so what is known at any K is a prefix of the log: a later event is never
 * known when an earlier one is not.
 */
export const isKnownAt = (known: Known, cutoff: Cutoff): boolean =>
  (cutoff.position === undefined || known.position <= cutoff.position) &&
  (cutoff.instant === undefined || atOrBefore(known.recordedAt, cutoff.instant));
