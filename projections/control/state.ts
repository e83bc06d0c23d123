import type { Grade } from '../../domain/grades.js';

/** One actor's share of a place. */
export interface ShareOut {
  readonly actorId: string;
  /** 0 < share ≤ 1, rounded to 12 decimals (see `roundShare`). */
  readonly share: number;
  /**
   * The valid date (as recorded) of the claim that last set this actor's share: a `control`
   * claim for it, or a withdrawal in its favour that gave it something. Being scaled down by
   * another actor's claim does not reset it.
   */
  readonly since: string;
}

/** A place's control state without its cumulative evidence list (what replay's before/after carry). */
export interface ControlSummary {
  readonly status: 'unknown' | 'controlled' | 'contested';
  /** The actor holding more than half, else null. */
  readonly controller: string | null;
  /** By share descending, then actor id. */
  readonly shares: readonly ShareOut[];
  /** 1 − the sum of shares, in [0, 1]. */
  readonly unattributed: number;
  /** The valid date (as recorded) of the last claim folded; null before any. */
  readonly lastClaimAt: string | null;
  /**
   * The grade of the claim that set the controller's share (its `since` claim): its source's
   * reliability as known at K plus its credibility. Null without a controller, or when that
   * source's reliability is unknown at K.
   */
  readonly grade: Grade | null;
}

/** A place's control on a valid date, as known at K, with its evidence (DESIGN steps 3 and 4). */
export interface ControlState extends ControlSummary {
  /** Every claim folded to get here, in fold order. */
  readonly claimIds: readonly string[];
}

/** Below this a share is dropped, and within it of 1 a sole share is full control. */
export const EPSILON = 1e-9;

/**
 * Reported shares are rounded to 12 decimals: well inside EPSILON, and enough to report the
 * rule's own numbers (1 − 0.8 is 0.19999999999999996 in binary floating point; users check 0.2).
 * The fold itself runs unrounded.
 */
export const roundShare = (share: number): number => Math.round(share * 1e12) / 1e12;

export const UNKNOWN: ControlSummary = Object.freeze({
  status: 'unknown',
  controller: null,
  shares: Object.freeze([]) as readonly ShareOut[],
  unattributed: 1,
  lastClaimAt: null,
  grade: null,
});

/** Whether two states say the same about control (status, controller, who holds what), whatever the evidence. */
export const sameControl = (a: ControlSummary, b: ControlSummary): boolean => {
  if (a.status !== b.status || a.controller !== b.controller || a.shares.length !== b.shares.length) return false;
  for (let i = 0; i < a.shares.length; i++) {
    const x = a.shares[i]!;
    const y = b.shares[i]!;
    if (x.actorId !== y.actorId || x.share !== y.share) return false;
  }
  return true;
};
