import type { ClaimKnowledge, ClaimsState } from '../../projections/claims.js';
import { EVERYTHING } from '../../projections/control/knowledge.js';
import type { ReliabilityOf } from '../../projections/control/reliability.js';
import { type ControlTimeline, controlTimeline } from '../../projections/control/timeline.js';

/**
 * Each place's control timeline under current knowledge (K = everything, no minimum grade),
 * computed on first use and reused until an event touches the place (or regrades a source).
 * A query at any date is then a binary search per place, so `GET /v1/control` over a region
 * costs about the number of places in it. Answers as of an earlier K, or with a minimum
 * grade, are computed from the place's own claims instead.
 */
export class ControlCache {
  readonly #timelines = new Map<string, { timeline: ControlTimeline; computedAt: bigint }>();

  /** The place's own claims: every claim any version of which names it. */
  static claimsOf(state: ClaimsState, placeId: string): ClaimKnowledge[] {
    const ids = state.byPlace.get(placeId);
    if (!ids) return [];
    const claims: ClaimKnowledge[] = [];
    for (const id of ids) {
      const claim = state.claims.get(id);
      if (claim) claims.push(claim);
    }
    return claims;
  }

  current(state: ClaimsState, placeId: string, position: bigint, reliabilityOf: ReliabilityOf): ControlTimeline {
    const cached = this.#timelines.get(placeId);
    const changedAt = state.placeChangedAt.get(placeId) ?? 0n;
    if (cached && cached.computedAt >= changedAt && cached.computedAt >= state.reliabilityChangedAt) return cached.timeline;
    const timeline = controlTimeline(ControlCache.claimsOf(state, placeId), placeId, { cutoff: EVERYTHING }, reliabilityOf);
    this.#timelines.set(placeId, { timeline, computedAt: position });
    return timeline;
  }
}
