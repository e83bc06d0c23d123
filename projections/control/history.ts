import type { ClaimKnowledge } from './claims.js';
import type { KnowledgeQuery } from './effectiveClaims.js';
import type { ReliabilityOf } from './reliability.js';
import { type ControlSummary, sameControl } from './state.js';
import { type ControlTimeline, controlTimeline } from './timeline.js';

/**
 * A stretch of valid time over which a place's control stays the same: status, controller
 * and who holds what. A claim that only re-asserts the shares does not split a segment.
 */
export interface Segment {
  /** `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** `YYYY-MM-DD`, exclusive; null: still so at the end of what is known. */
  readonly to: string | null;
  readonly status: ControlSummary['status'];
  readonly controller: string | null;
  readonly shares: readonly { readonly actorId: string; readonly share: number }[];
  /** The claims taking effect within the segment (the first of them produced it), in fold order. */
  readonly claimIds: readonly string[];
}

/**
 * The timeline's steps with equal control merged. The first segment starts on the first
 * effective claim's valid start: the unknown time before it has no segment.
 */
export const historyOf = (timeline: ControlTimeline): Segment[] => {
  const segments: Segment[] = [];
  const { steps } = timeline;
  let i = 0;
  // Each step's state is folded when read (`timelineOf`): read each once, in order.
  let state = steps[0]?.state;
  while (i < steps.length) {
    const first = steps[i]!;
    const firstState = state!;
    let j = i + 1;
    state = steps[j]?.state;
    while (j < steps.length && sameControl(state!, firstState)) {
      j++;
      state = steps[j]?.state;
    }
    const { status, controller, shares } = firstState;
    segments.push({
      from: first.from,
      to: steps[j]?.from ?? null,
      status,
      controller,
      shares: shares.map(({ actorId, share }) => ({ actorId, share })),
      claimIds: timeline.claimIds.slice(i > 0 ? steps[i - 1]!.claimCount : 0, steps[j - 1]!.claimCount),
    });
    i = j;
  }
  return segments;
};

/** `placeId`'s control over valid time as known at `query.cutoff` (and `query.minGrade`). */
export const controlHistory = (
  claims: Iterable<ClaimKnowledge>,
  placeId: string,
  query: KnowledgeQuery,
  reliabilityOf: ReliabilityOf,
): Segment[] => historyOf(controlTimeline(claims, placeId, query, reliabilityOf));
