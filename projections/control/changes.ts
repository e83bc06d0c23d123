import type { ClaimKnowledge } from './claims.js';
import type { KnowledgeQuery } from './effectiveClaims.js';
import type { ReliabilityOf } from './reliability.js';
import { type ControlSummary, sameControl, UNKNOWN } from './state.js';
import { type ControlTimeline, claimsOfStep, controlTimeline, stepIndexAt } from './timeline.js';

/** A day on which a place's control differs from the day before. */
export interface Change {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly placeId: string;
  /** The state on the day before (its evidence list left out: see `claimIds`). */
  readonly before: ControlSummary;
  /** The state on `date`. */
  readonly after: ControlSummary;
  /** The claims that took effect on `date`, in fold order. */
  readonly claimIds: readonly string[];
}

/** Dates of a replay: both ends inclusive, `YYYY-MM-DD`. */
export interface ChangesQuery extends KnowledgeQuery {
  readonly from: string;
  readonly to: string;
}

/**
 * Stepping day by day from `from` to `to`, the days whose state differs from the previous
 * day's in status, controller or shares (a claim that only re-asserts them is no change).
 * Control only changes on a step's day, and the step before covers the previous day, so this
 * visits only the steps in range: O(log k + steps in range).
 */
export const changesOf = (timeline: ControlTimeline, placeId: string, from: string, to: string): Change[] => {
  const changes: Change[] = [];
  const { steps } = timeline;
  // The first step on or after `from`: one past the last step strictly before it.
  const last = stepIndexAt(timeline, from);
  let i = last >= 0 && steps[last]!.from === from ? last : last + 1;
  // Each step's state is folded when read (`timelineOf`): read each once, carrying it forward.
  let before = i > 0 && i - 1 < steps.length ? steps[i - 1]!.state : UNKNOWN;
  for (; i < steps.length && steps[i]!.from <= to; i++) {
    const step = steps[i]!;
    const after = step.state;
    if (!sameControl(before, after)) {
      changes.push({ date: step.from, placeId, before, after, claimIds: claimsOfStep(timeline, i) });
    }
    before = after;
  }
  return changes;
};

/** `placeId`'s changes of control between two dates, as known at `query.cutoff` (and `query.minGrade`). */
export const controlChanges = (
  claims: Iterable<ClaimKnowledge>,
  placeId: string,
  query: ChangesQuery,
  reliabilityOf: ReliabilityOf,
): Change[] => changesOf(controlTimeline(claims, placeId, query, reliabilityOf), placeId, query.from, query.to);
