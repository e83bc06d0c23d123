import type { ClaimKnowledge } from './claims.js';
import { type EffectiveClaim, effectiveClaims, type FoldInput, type KnowledgeQuery } from './effectiveClaims.js';
import { evolveFold, type FoldState, initialFold, summarize } from './fold.js';
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
  /** The state from `from` until `to` (computed when read: see {@link timelineOf}). */
  readonly state: ControlSummary;
  /** How many of the timeline's `claimIds` are folded by the end of this step's day. */
  readonly claimCount: number;
}

export interface ControlTimeline {
  /** Every effective claim, in fold order. */
  readonly claimIds: readonly string[];
  readonly steps: readonly ControlStep[];
}

/**
 * Steps between two kept fold states. Reading a step's state folds at most this many steps'
 * claims from the fold state kept before it.
 */
const STEPS_PER_CHECKPOINT = 32;

type Holdings = FoldState['holdings'];

/** A copy of the holdings that later claims cannot change (they mutate holdings in place). */
const copyOf = (holdings: Holdings): Holdings => {
  const copy: Holdings = new Map();
  for (const [actorId, h] of holdings) copy.set(actorId, { share: h.share, setter: h.setter });
  return copy;
};

/** Reliability letters by code; 0 is "unknown at K". */
const RELIABILITIES = [undefined, 'A', 'B', 'C', 'D', 'E', 'F'] as const;

/**
 * The claims of one timeline, by column — what the fold reads of each (`FoldInput`), some 35
 * bytes a claim where an `EffectiveClaim` object took about 120 (a service caches every place's
 * timeline: about 1M claims at 2M events, issue 14) — and the fold states kept every
 * {@link STEPS_PER_CHECKPOINT} steps; a step's state is folded from the checkpoint before it
 * when read.
 */
class FoldedClaims {
  readonly #actorIds: string[];
  readonly #validDates: string[];
  readonly #shares: Float64Array;
  readonly #credibilities: Float64Array;
  /** 0 `control`, 1 `withdrawal`. */
  readonly #kinds: Uint8Array;
  /** Index in {@link RELIABILITIES}. */
  readonly #reliabilities: Uint8Array;
  /** Claim index → the actor a withdrawal favours (withdrawals are few). */
  readonly #inFavourOf = new Map<number, string>();

  constructor(
    effective: readonly EffectiveClaim[],
    /** The timeline's claim ids in fold order (the same array, filled as the timeline is made). */
    private readonly claimIds: readonly string[],
    /** `checkpoints[c]`: the holdings before the claims of step `c × STEPS_PER_CHECKPOINT`. */
    readonly checkpoints: readonly Holdings[],
  ) {
    const n = effective.length;
    this.#actorIds = new Array<string>(n);
    this.#validDates = new Array<string>(n);
    this.#shares = new Float64Array(n);
    this.#credibilities = new Float64Array(n);
    this.#kinds = new Uint8Array(n);
    this.#reliabilities = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const claim = effective[i]!;
      this.#actorIds[i] = claim.actorId;
      this.#validDates[i] = claim.validDate;
      this.#shares[i] = claim.share;
      this.#credibilities[i] = claim.credibility;
      this.#kinds[i] = claim.kind === 'control' ? 0 : 1;
      this.#reliabilities[i] = claim.reliability === undefined ? 0 : RELIABILITIES.indexOf(claim.reliability);
      if (claim.inFavourOf !== undefined) this.#inFavourOf.set(i, claim.inFavourOf);
    }
  }

  /** Claim `i` as the fold reads it. */
  inputAt(i: number): FoldInput {
    return {
      claimId: this.claimIds[i]!,
      kind: this.#kinds[i] === 0 ? 'control' : 'withdrawal',
      actorId: this.#actorIds[i]!,
      share: this.#shares[i]!,
      inFavourOf: this.#inFavourOf.get(i),
      validDate: this.#validDates[i]!,
      reliability: RELIABILITIES[this.#reliabilities[i]!],
      credibility: this.#credibilities[i]!,
    };
  }

  stateOf(steps: readonly ControlStep[], index: number): ControlSummary {
    const c = Math.floor(index / STEPS_PER_CHECKPOINT);
    const firstStep = c * STEPS_PER_CHECKPOINT;
    const fold: FoldState = { holdings: copyOf(this.checkpoints[c]!), claimIds: [], last: undefined };
    const from = firstStep > 0 ? steps[firstStep - 1]!.claimCount : 0;
    const to = steps[index]!.claimCount;
    for (let i = from; i < to; i++) evolveFold(fold, this.inputAt(i));
    return summarize(fold);
  }
}

/** A step whose state is folded when read (and not kept: answers are cached where they are served). */
class Step implements ControlStep {
  constructor(
    readonly from: string,
    readonly to: string | null,
    readonly claimCount: number,
    private readonly claims: FoldedClaims,
    private readonly steps: readonly ControlStep[],
    private readonly index: number,
  ) {}

  get state(): ControlSummary {
    return this.claims.stateOf(this.steps, this.index);
  }
}

/**
 * The timeline of claims already in fold order. A step's state is not kept but folded from the
 * nearest fold state kept before it (one every {@link STEPS_PER_CHECKPOINT} steps) each time it
 * is read: a service caches every place's current timeline (`ControlCache`), and summaries of
 * every step held 770 MiB at 2M events (8M shares in 740,000 steps; issue 14's memory goal),
 * where the claims and checkpoints take a fraction. Reading a state costs at most 32 steps'
 * claims folded again; the places' answers are cached where they are served.
 */
export const timelineOf = (effective: readonly EffectiveClaim[]): ControlTimeline => {
  const fold = initialFold();
  const steps: ControlStep[] = [];
  const checkpoints: Holdings[] = [];
  const claims = new FoldedClaims(effective, fold.claimIds, checkpoints);
  for (let i = 0; i < effective.length; i++) {
    const claim = effective[i]!;
    // The first claim of a step that starts a checkpoint: keep the holdings before it.
    if ((i === 0 || effective[i - 1]!.validStart !== claim.validStart) && steps.length % STEPS_PER_CHECKPOINT === 0)
      checkpoints.push(copyOf(fold.holdings));
    evolveFold(fold, claim);
    const next = effective[i + 1];
    // A day's claims act together: one step per distinct valid start, ending after its last claim.
    if (next === undefined || next.validStart !== claim.validStart) {
      steps.push(new Step(claim.validStart, next?.validStart ?? null, i + 1, claims, steps, steps.length));
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
