import { type Cutoff, isKnownAt, type Known } from './knowledge.js';

/**
 * What the control rule needs to know about claims, bitemporally. The claims read model
 * (`projections/claims.ts`) holds a structural superset of these, so its values are passed
 * as they are.
 */

/** One version of a claim's body, as known from `known` on: the recording, or a correction (a full body, not a patch). */
export interface ClaimVersion {
  readonly known: Known;
  /** The claim kind; only `control` and `withdrawal` affect control. */
  readonly kind: string;
  readonly placeId: string;
  /** Control-affecting kinds name exactly one actor (the domain's shape rule). */
  readonly actorIds: readonly string[];
  /** `control` only: 0 < share ≤ 1. */
  readonly share?: number | undefined;
  /** `withdrawal` only: the actor that takes over what the withdrawing actor held. */
  readonly inFavourOf?: string | undefined;
  /** The partial date as recorded: `2018`, `2018-11`, `2018-11-13`. */
  readonly validDate: string;
  /** `startOf(validDate)` when the caller has it already; computed otherwise. */
  readonly validStart?: string;
  /** Admiralty information credibility, 1 (confirmed) … 6 (cannot be judged). */
  readonly credibility: number;
}

/** Everything known about one claim: its recording, its corrections in log order, its retraction. */
export interface ClaimKnowledge {
  readonly claimId: string;
  /** Where the claim was recorded: the fold's tie-breaker among claims of one valid start. */
  readonly recorded: Known;
  /** The (primary) source of the claim's article. */
  readonly sourceId: string;
  /**
   * Every source of the article, primary first, when it has several (issue 11): the best
   * reliability among them as known at K grades the claim. Absent: `[sourceId]`.
   */
  readonly sourceIds?: readonly string[] | undefined;
  /** `[recorded, ...corrections]`, ascending by `known.position`. */
  readonly versions: readonly ClaimVersion[];
  readonly retracted?: Known | undefined;
}

/**
 * The claim as known at K: undefined when it was not yet recorded at K or a retraction is
 * known at K; otherwise its latest version known at K. Versions are in log order and what K
 * knows is a log prefix, so the answer is the last version known at K; scanning from the end
 * makes the common case (K = everything) one comparison.
 */
export const versionAt = (claim: ClaimKnowledge, cutoff: Cutoff): ClaimVersion | undefined => {
  if (!isKnownAt(claim.recorded, cutoff)) return undefined;
  if (claim.retracted !== undefined && isKnownAt(claim.retracted, cutoff)) return undefined;
  for (let i = claim.versions.length - 1; i >= 0; i--) {
    const version = claim.versions[i]!;
    if (isKnownAt(version.known, cutoff)) return version;
  }
  return undefined;
};
