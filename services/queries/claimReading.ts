import type { ActorRoles } from '../../domain/claims/actorRoles.js';
import type { Fatalities } from '../../domain/claims/fatalities.js';
import type { ClaimPrecision } from '../../domain/claims/precision.js';
import type { Typology } from '../../domain/claims/typology.js';
import { type ClaimKnowledge, type ClaimVersion, sourcesOfClaim, validEndOf } from '../../projections/claims.js';
import type { Cutoff } from '../../projections/control/knowledge.js';
import { reliabilityAt } from '../../projections/control/reliability.js';
import type { RegistryState } from '../../projections/registry.js';

/**
 * A claim as one version of it reads (DESIGN "Claim"; the v2 fields of issue 11): what the
 * timeline and the claims list both show of a claim before adding their own fields.
 */
export interface ClaimReading {
  readonly claimId: string;
  readonly kind: string;
  readonly placeId: string;
  readonly placeName: string | null;
  readonly actorIds: string[];
  readonly share?: number;
  readonly inFavourOf?: string;
  readonly validTime: { readonly date: string; readonly end?: string; readonly approximate: boolean };
  /** The first day the claim covers, `YYYY-MM-DD`. */
  readonly validStart: string;
  /** The last day the claim covers, `YYYY-MM-DD`. */
  readonly validEnd: string;
  readonly credibility: number;
  readonly quote?: { readonly text: string; readonly language: string };
  readonly summary?: string;
  readonly attributedTo?: string;
  readonly fatalities?: Fatalities;
  readonly actorRoles?: ActorRoles;
  readonly precision?: ClaimPrecision;
  readonly typology?: Typology;
}

/** `version` of claim `claimId` as the API shows it, optional fields only when set. */
export const claimReadingOf = (registry: RegistryState, claimId: string, version: ClaimVersion): ClaimReading => ({
  claimId,
  kind: version.kind,
  placeId: version.placeId,
  placeName: registry.places.get(version.placeId)?.names.en ?? null,
  actorIds: [...version.actorIds],
  ...(version.share !== undefined ? { share: version.share } : {}),
  ...(version.inFavourOf !== undefined ? { inFavourOf: version.inFavourOf } : {}),
  validTime: {
    date: version.validDate,
    ...(version.validEndDate !== undefined ? { end: version.validEndDate } : {}),
    approximate: version.approximate,
  },
  validStart: version.validStart,
  validEnd: validEndOf(version),
  credibility: version.credibility,
  ...(version.quote ? { quote: version.quote } : {}),
  ...(version.summary !== undefined ? { summary: version.summary } : {}),
  ...(version.attributedTo !== undefined ? { attributedTo: version.attributedTo } : {}),
  ...(version.fatalities !== undefined ? { fatalities: version.fatalities } : {}),
  ...(version.actorRoles !== undefined ? { actorRoles: version.actorRoles } : {}),
  ...(version.precision !== undefined ? { precision: version.precision } : {}),
  ...(version.typology !== undefined ? { typology: version.typology } : {}),
});

/** One source of a claim's article, with its reliability letter as known at the cutoff (null when unknown then). */
export interface SourceReading {
  readonly sourceId: string;
  readonly name: string | null;
  readonly reliability: string | null;
}

/** Every source of the claim's article, primary first (issue 11: each corroborates the claim). */
export const sourcesOf = (registry: RegistryState, claim: ClaimKnowledge, cutoff: Cutoff): SourceReading[] =>
  sourcesOfClaim(claim).map((sourceId) => {
    const known = registry.sources.get(sourceId);
    return {
      sourceId,
      name: known?.name.en ?? null,
      reliability: (known && reliabilityAt(known.reliabilityHistory, cutoff)) ?? null,
    };
  });
