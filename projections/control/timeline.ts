import type { ClaimKnowledge } from './claims.js';
import { type EffectiveClaim, effectiveClaims, type KnowledgeQuery } from './effectiveClaims.js';
import { evolveFold, initialFold, summarize } from './fold.js';
import type { ReliabilityOf } from './reliability.js';
import { type ControlState, type ControlSummary, UNKNOWN } from './state.js';

/**
 * A place's control over all valid time, as known at one K: one step per distinct valid
 * start, each holding the state from that day until the next step. Control only changes on
 * a claim's valid start, so this is the whole answer for K in O(k log k); any date is then a
 * binary search (`stateAt`). This is what a service caches per place for current knowledge
 * (K = everything, no minGrade), rebuilding a place's timeline when one of its claims, or a
 * source of one of them, gets a new event.
 */
export interface ControlStep {
  /** `YYYY-MM-DD`: the valid start of the claims that take effect here. */
  readonly from: string;
  /** The next step's `from` (exclusive), or null for the last. */
  readonly to: string | null;
  readonly state: ControlSummary;
  /** How many of the timeline's `claimIds` are folded by the end of this step's day. */
  readonly claimCount: number;
}

export interface ControlTimeline {
  /** Every effective claim, in fold order. */
  readonly claimIds: readonly string[];
  readonly steps: readonly ControlStep[];
}

/** The timeline of claims already in fold order. */
export const timelineOf = (effective: readonly EffectiveClaim[]): ControlTimeline => {
  const fold = initialFold();
  const steps: ControlStep[] = [];
  for (let i = 0; i < effective.length; i++) {
    const claim = effective[i]!;
    evolveFold(fold, claim);
    const next = effective[i + 1];
    // Summarize once per day, after its last claim: a day's claims act together.
    if (next === undefined || next.validStart !== claim.validStart) {
      steps.push({ from: claim.validStart, to: next?.validStart ?? null, state: summarize(fold), claimCount: i + 1 });
    }
  }
  return { claimIds: fold.claimIds, steps };
};

/** The timeline of `placeId` as known at `query.cutoff` (and `query.minGrade`). */
export const controlTimeline = (
  claims: Iterable<ClaimKnowledge>,
  placeId: string,
  query: KnowledgeQuery,
  reliabilityOf: ReliabilityOf,
): ControlTimeline => timelineOf(effectiveClaims(claims, placeId, query, reliabilityOf));

/** The index of the last step starting on or before `date`, or −1. */
export const stepIndexAt = (timeline: ControlTimeline, date: string): number => {
  let lo = 0;
  let hi = timeline.steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeline.steps[mid]!.from <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
};

/** The claim ids that take effect in step `index` (on its `from` day). */
export const claimsOfStep = (timeline: ControlTimeline, index: number): readonly string[] =>
  timeline.claimIds.slice(index > 0 ? timeline.steps[index - 1]!.claimCount : 0, timeline.steps[index]?.claimCount ?? 0);

/** The state on `date` (`YYYY-MM-DD`): equal to `controlAt` at the timeline's K, in O(log k) plus the evidence list. */
export const stateAt = (timeline: ControlTimeline, date: string): ControlState => {
  const step = timeline.steps[stepIndexAt(timeline, date)];
  return step === undefined
    ? { ...UNKNOWN, claimIds: [] }
    : { ...step.state, claimIds: timeline.claimIds.slice(0, step.claimCount) };
};
