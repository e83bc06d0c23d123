import type { ClaimKnowledge, ClaimsState } from '../../projections/claims.js';
import { EVERYTHING } from '../../projections/control/knowledge.js';
import { type ReliabilityOf, reliabilityFrom } from '../../projections/control/reliability.js';
import { type ControlTimeline, controlTimeline } from '../../projections/control/timeline.js';
import type { LedgerState } from '../../projections/ledger.js';

/**
 * Each place's control timeline under current knowledge (K = everything, no minimum grade),
 * computed on first use and reused until an event touches the place (or regrades a source).
 * A query at any date is then a binary search per place, so `GET /v1/control` over a region
 * costs about the number of places in it. Answers as of an earlier K, or with a minimum
 * grade, are computed from the place's own claims instead.
 */
interface Entry {
  readonly timeline: ControlTimeline;
  readonly computedAt: bigint;
  /** Answers by step index (−1: before the first step), made on first use. */
  readonly answers: Map<number, unknown>;
}

export class ControlCache {
  readonly #timelines = new Map<string, Entry>();

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

  /** How many places have a timeline cached (current or not). */
  get size(): number {
    return this.#timelines.size;
  }

  /**
   * Compute every place's current timeline before a query asks for it, one place a turn of the
   * event loop, so requests, health checks and SSE heartbeats go on in between. Without it the
   * first `GET /v1/control` after a restart built them all in one go: at 2M events, 1,000
   * places' timelines held every request for 2–3 s (issue 14). Each place is read as the
   * models stand at its turn; a place an event touches later is rebuilt on use, as always.
   *
   * @param read - The read models and their position now (the follower goes on meanwhile).
   * @param signal - Stops warming at the next turn (the ledger closing).
   * @returns How many places were warmed.
   */
  async warm(read: () => { readonly state: LedgerState; readonly position: bigint }, signal: AbortSignal): Promise<number> {
    let warmed = 0;
    for (const placeId of [...read().state.registry.places.keys()]) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal.aborted) break;
      const { state, position } = read();
      if (!state.registry.places.has(placeId)) continue;
      this.#entry(state.claims, placeId, position, reliabilityFrom(state.registry.sources));
      warmed++;
    }
    return warmed;
  }

  current(state: ClaimsState, placeId: string, position: bigint, reliabilityOf: ReliabilityOf): ControlTimeline {
    return this.#entry(state, placeId, position, reliabilityOf).timeline;
  }

  /**
   * The place's answer at one step of its current timeline, built once per step and then the
   * same object for every date within the step: a region's answer reuses what it built before
   * (and the HTTP layer renders each object once). A timeline that is not the cached one (an
   * earlier K, a minimum grade) is built afresh each time.
   */
  memo<T>(placeId: string, timeline: ControlTimeline, step: number, build: () => T): T {
    const entry = this.#timelines.get(placeId);
    if (entry?.timeline !== timeline) return build();
    let answer = entry.answers.get(step) as T | undefined;
    if (answer === undefined) {
      answer = build();
      entry.answers.set(step, answer);
    }
    return answer;
  }

  #entry(state: ClaimsState, placeId: string, position: bigint, reliabilityOf: ReliabilityOf): Entry {
    const cached = this.#timelines.get(placeId);
    const changedAt = state.placeChangedAt.get(placeId) ?? 0n;
    if (cached && cached.computedAt >= changedAt && cached.computedAt >= state.reliabilityChangedAt) return cached;
    const timeline = controlTimeline(ControlCache.claimsOf(state, placeId), placeId, { cutoff: EVERYTHING }, reliabilityOf);
    const entry = { timeline, computedAt: position, answers: new Map<number, unknown>() };
    this.#timelines.set(placeId, entry);
    return entry;
  }
}
