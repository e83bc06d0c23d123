import { startOf } from '../../domain/dates.js';
import { type Credibility, type Grade, gradeOf, meetsMinimum, type Reliability } from '../../domain/grades.js';
import { type ClaimKnowledge, type ClaimVersion, versionAt } from './claims.js';
import type { Cutoff } from './knowledge.js';
import { bestReliabilityOf, type ReliabilityOf } from './reliability.js';

/** What the ledger knew (K) and how well graded a claim must be to count. */
export interface KnowledgeQuery {
  readonly cutoff: Cutoff;
  /** Only claims graded at least this well, as known at K (DESIGN step 5). @defaultValue every claim */
  readonly minGrade?: Grade | undefined;
}

/** "Who held the place on `at`, as known at K?" */
export interface ControlQuery extends KnowledgeQuery {
  /** The valid date D, `YYYY-MM-DD`. */
  readonly at: string;
}

/** A claim as it enters the fold: its version at K, flattened, with its best source's reliability at K. */
export interface EffectiveClaim {
  readonly claimId: string;
  readonly position: bigint;
  readonly kind: 'control' | 'withdrawal';
  readonly actorId: string;
  /** `control`: the share claimed; `withdrawal`: 0. */
  readonly share: number;
  readonly inFavourOf: string | undefined;
  readonly validDate: string;
  readonly validStart: string;
  readonly sourceId: string;
  readonly reliability: Reliability | undefined;
  readonly credibility: number;
}

/**
 * What the fold reads of an effective claim (DESIGN steps 2–4): a cached timeline keeps only
 * this, by column, and refolds from it (`timeline.ts`).
 */
export type FoldInput = Pick<
  EffectiveClaim,
  'claimId' | 'kind' | 'actorId' | 'share' | 'inFavourOf' | 'validDate' | 'reliability' | 'credibility'
>;

/** The claim's Admiralty grade as known at K, or null when its source's reliability is unknown at K. */
export const gradeOfClaim = (claim: FoldInput): Grade | null =>
  claim.reliability === undefined || !isCredibility(claim.credibility) ? null : gradeOf(claim.reliability, claim.credibility);

const isCredibility = (n: number): n is Credibility => Number.isInteger(n) && n >= 1 && n <= 6;

/**
 * Whether a version can be folded: the domain's shape rule (one actor; a share in (0, 1] for
 * `control`; no withdrawal in favour of itself) holds for everything ever appended, but a
 * fold must never throw, so anything else is left out rather than guessed at.
 */
const foldable = (v: ClaimVersion): boolean =>
  v.actorIds.length === 1 &&
  (v.kind === 'control'
    ? typeof v.share === 'number' && v.share > 0 && v.share <= 1
    : v.kind === 'withdrawal' && v.inFavourOf !== v.actorIds[0]);

/** Fold order: valid start, then where the claim was recorded (claim id only for inputs that share a position). */
export const byFoldOrder = (a: EffectiveClaim, b: EffectiveClaim): number =>
  compare(a.validStart, b.validStart) || compare(a.position, b.position) || compare(a.claimId, b.claimId);

const compare = <T extends string | bigint>(x: T, y: T): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * DESIGN steps 1 and 5: the claims of `placeId` that count at K (recorded at or before K, not
 * retracted by a retraction known at K, read as their latest version known at K — which may
 * have moved the claim to or from this place, or changed its kind, actor, share or date),
 * that affect control, are graded at least `minGrade` as known at K, and whose valid start is
 * on or before `at` (every valid date when `at` is left out). Sorted in fold order.
 *
 * `claims` should be the place's own claims (any version naming it): the cost is O(k log k)
 * in them, plus one `reliabilityOf` call each.
 */
export const effectiveClaims = (
  claims: Iterable<ClaimKnowledge>,
  placeId: string,
  query: KnowledgeQuery & { readonly at?: string | undefined },
  reliabilityOf: ReliabilityOf,
): EffectiveClaim[] => {
  const { cutoff, minGrade, at } = query;
  const effective: EffectiveClaim[] = [];
  for (const claim of claims) {
    const v = versionAt(claim, cutoff);
    if (v === undefined || v.placeId !== placeId || !foldable(v)) continue;
    const validStart = v.validStart ?? startOf(v.validDate);
    if (at !== undefined && validStart > at) continue;
    const reliability = bestReliabilityOf(reliabilityOf, claim, cutoff);
    const candidate: EffectiveClaim = {
      claimId: claim.claimId,
      position: claim.recorded.position,
      kind: v.kind as 'control' | 'withdrawal',
      actorId: v.actorIds[0]!,
      share: v.kind === 'control' ? v.share! : 0,
      inFavourOf: v.kind === 'withdrawal' ? v.inFavourOf : undefined,
      validDate: v.validDate,
      validStart,
      sourceId: claim.sourceId,
      reliability,
      credibility: v.credibility,
    };
    if (minGrade !== undefined) {
      // An unknown reliability (or a malformed credibility) cannot be shown to meet the minimum.
      const grade = gradeOfClaim(candidate);
      if (grade === null || !meetsMinimum(grade, minGrade)) continue;
    }
    effective.push(candidate);
  }
  return effective.sort(byFoldOrder);
};
