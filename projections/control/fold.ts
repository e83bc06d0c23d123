import { type EffectiveClaim, type FoldInput, gradeOfClaim } from './effectiveClaims.js';
import { type ControlState, type ControlSummary, EPSILON, roundShare, type ShareOut } from './state.js';

/**
 * DESIGN steps 2–4: fold effective claims, in fold order, from no shares. `initialFold`,
 * `evolveFold` and `summarize` are exposed so one pass can summarize after every valid start
 * (the timeline); `foldControl` is the one-shot form.
 */

interface Holding {
  share: number;
  /** The last claim that set this share: `control` for the actor, or a withdrawal in its favour that gave it something. */
  setter: FoldInput;
}

export interface FoldState {
  /** Actor id → holding; a Map keeps insertion order, so sums run in one order and the fold is deterministic. */
  readonly holdings: Map<string, Holding>;
  readonly claimIds: string[];
  last: FoldInput | undefined;
}

export const initialFold = (): FoldState => ({ holdings: new Map(), claimIds: [], last: undefined });

/** Applies one claim (mutating `state`, which the caller owns). */
export const evolveFold = (state: FoldState, claim: FoldInput): FoldState => {
  const { holdings } = state;
  state.claimIds.push(claim.claimId);
  state.last = claim;
  if (claim.kind === 'control') {
    // control(A, s): the others keep what they hold if it fits beside s; otherwise they are
    // scaled together by (1 − s)/T, so their proportions among themselves survive the claim.
    const s = claim.share;
    let others = 0;
    for (const [actorId, h] of holdings) if (actorId !== claim.actorId) others += h.share;
    if (others > 1 - s) {
      const factor = (1 - s) / others;
      for (const [actorId, h] of holdings) if (actorId !== claim.actorId) h.share *= factor;
    }
    const own = holdings.get(claim.actorId);
    if (own) {
      own.share = s;
      own.setter = claim;
    } else holdings.set(claim.actorId, { share: s, setter: claim });
  } else {
    // withdrawal(A, B?): A's share w goes to 0, and to B when given. The others already fit
    // beside A's w, so B + w fits too; min(1, …) only absorbs floating-point noise.
    const w = holdings.get(claim.actorId)?.share ?? 0;
    holdings.delete(claim.actorId);
    if (claim.inFavourOf !== undefined && w > 0) {
      const b = holdings.get(claim.inFavourOf);
      if (b) {
        b.share = Math.min(1, b.share + w);
        b.setter = claim;
      } else holdings.set(claim.inFavourOf, { share: Math.min(1, w), setter: claim });
    }
  }
  for (const [actorId, h] of holdings) if (h.share < EPSILON) holdings.delete(actorId);
  return state;
};

const bySizeThenActor = (a: ShareOut, b: ShareOut): number =>
  b.share - a.share || (a.actorId < b.actorId ? -1 : a.actorId > b.actorId ? 1 : 0);

/** Step 3 and the evidence of step 4, decided on the reported (rounded) shares so a reader can check them. */
export const summarize = (state: FoldState): ControlSummary => {
  const shares: ShareOut[] = [];
  let sum = 0;
  for (const [actorId, h] of state.holdings) {
    sum += h.share;
    shares.push({ actorId, share: roundShare(h.share), since: h.setter.validDate });
  }
  shares.sort(bySizeThenActor);
  const top = shares[0];
  const controller = top !== undefined && top.share > 0.5 ? top.actorId : null;
  const status =
    top === undefined ? 'unknown' : shares.length === 1 && Math.abs(top.share - 1) <= EPSILON ? 'controlled' : 'contested';
  const setter = controller === null ? undefined : state.holdings.get(controller)?.setter;
  return {
    status,
    controller,
    shares,
    unattributed: roundShare(Math.min(1, Math.max(0, 1 - sum))),
    lastClaimAt: state.last?.validDate ?? null,
    grade: setter === undefined ? null : gradeOfClaim(setter),
  };
};

/** Steps 2–4 over claims already in fold order (as `effectiveClaims` returns them). */
export const foldControl = (effective: readonly EffectiveClaim[]): ControlState => {
  const state = initialFold();
  for (const claim of effective) evolveFold(state, claim);
  return { ...summarize(state), claimIds: state.claimIds };
};
