import type { ActorRoles } from '../domain/claims/actorRoles.js';
import type { Fatalities } from '../domain/claims/fatalities.js';
import type { ClaimPrecision } from '../domain/claims/precision.js';
import type { Typology } from '../domain/claims/typology.js';
import { endOf, lastMatchedDay, startOf } from '../domain/dates.js';
import type { Quote } from '../domain/vocabulary.js';
import type { Envelope } from './envelope.js';
import type { RegistryState } from './registry.js';

/**
 * What the ledger knows about every claim, bitemporally: each version of its body (the
 * recording, then each correction) with when the ledger learned it, its retraction, its
 * corroborations and disputes. Control, history, replay and timelines are queries over this
 * at a valid date D and a knowledge cutoff K; indexes by place and actor keep those queries
 * to the claims that matter.
 */
export interface Known {
  readonly position: bigint;
  readonly recordedAt: string;
}

export interface ClaimVersion {
  readonly known: Known;
  readonly kind: string;
  readonly placeId: string;
  readonly actorIds: readonly string[];
  readonly share: number | undefined;
  readonly inFavourOf: string | undefined;
  /** The partial date as recorded: `2018`, `2018-11`, `2018-11-13`. */
  readonly validDate: string;
  /** Its first day, `YYYY-MM-DD`: what ordering, control and cursors use. */
  readonly validStart: string;
  /** The period's end as recorded (a partial date), when the claim covers a period (claim model v2). */
  readonly validEndDate: string | undefined;
  /** The last day covered, `YYYY-MM-DD`: `endOf(end ?? date)`. */
  readonly validEnd: string;
  /** The last day a valid-time filter matches the claim on (`lastMatchedDay`): overlapping periods match. */
  readonly matchedUntil: string;
  readonly approximate: boolean;
  readonly credibility: number;
  readonly quote: Quote | undefined;
  readonly summary: string | undefined;
  readonly attributedTo: string | undefined;
  readonly fatalities: Fatalities | undefined;
  readonly actorRoles: ActorRoles | undefined;
  readonly precision: ClaimPrecision | undefined;
  readonly typology: Typology | undefined;
}

export interface ClaimKnowledge {
  readonly claimId: string;
  readonly articleId: string;
  /** The primary source of the claim's article. */
  readonly sourceId: string;
  /**
   * Every source of the article, primary first (ArticleRecorded v2 `additionalSourceIds`):
   * each corroborates the claim, and the best reliability among them, as known at K, grades it.
   */
  readonly sourceIds: readonly string[];
  /** When the claim was recorded: the tie-breaker among claims of the same valid start. */
  readonly recorded: Known;
  /** `[recorded, ...corrections]`, in log order. */
  readonly versions: ClaimVersion[];
  retracted?: Known;
  readonly corroborations: Known[];
  readonly disputes: Known[];
}

export interface ClaimsState {
  readonly claims: Map<string, ClaimKnowledge>;
  /** Place id → ids of claims any version of which names the place (a correction may move a claim). */
  readonly byPlace: Map<string, Set<string>>;
  /** Actor id → ids of claims any version of which names the actor (or favours it). */
  readonly byActor: Map<string, Set<string>>;
  /**
   * Place id → the position of the last event that could change an answer about its control
   * (a claim naming it recorded, corrected or retracted; the place renamed). Caches of derived
   * answers compare against it.
   */
  readonly placeChangedAt: Map<string, bigint>;
  /** The position of the last source reliability revision: it can regrade any place. */
  reliabilityChangedAt: bigint;
}

const index = (map: Map<string, Set<string>>, key: string, claimId: string) => {
  let ids = map.get(key);
  if (!ids) {
    ids = new Set();
    map.set(key, ids);
  }
  ids.add(claimId);
};

type Body = {
  placeId: string;
  actorIds: readonly string[];
  share?: number | undefined;
  inFavourOf?: string | undefined;
  validTime: { date: string; end?: string | undefined; approximate: boolean };
  credibility: number;
  quote?: Quote | undefined;
  summary?: string | undefined;
  attributedTo?: string | undefined;
  fatalities?: Fatalities | undefined;
  actorRoles?: ActorRoles | undefined;
  precision?: ClaimPrecision | undefined;
  typology?: Typology | undefined;
};

/**
 * One object of one shape for every version (absent fields are undefined, not missing): the
 * fold makes a million of these in a rebuild, and a single hidden class keeps it fast.
 */
const versionOf = (kind: string, body: Body, known: Known): ClaimVersion => ({
  known,
  kind,
  placeId: body.placeId,
  actorIds: body.actorIds,
  share: body.share,
  inFavourOf: body.inFavourOf,
  validDate: body.validTime.date,
  validStart: startOf(body.validTime.date),
  validEndDate: body.validTime.end,
  validEnd: endOf(body.validTime.end ?? body.validTime.date),
  matchedUntil: lastMatchedDay(body.validTime),
  approximate: body.validTime.approximate,
  credibility: body.credibility,
  quote: body.quote,
  summary: body.summary,
  attributedTo: body.attributedTo,
  fatalities: body.fatalities,
  actorRoles: body.actorRoles,
  precision: body.precision,
  typology: body.typology,
});

const indexVersion = (state: ClaimsState, claimId: string, version: ClaimVersion) => {
  index(state.byPlace, version.placeId, claimId);
  for (const actorId of version.actorIds) index(state.byActor, actorId, claimId);
  if (version.inFavourOf) index(state.byActor, version.inFavourOf, claimId);
};

/** 2: claim model v2 (issue 11) — periods, dataset fields, every source of the article. */
export const CLAIMS_VERSION = 2;

export const initialClaimsState = (): ClaimsState => ({
  claims: new Map(),
  byPlace: new Map(),
  byActor: new Map(),
  placeChangedAt: new Map(),
  reliabilityChangedAt: 0n,
});

/** Every place any version of the claim names has its control possibly changed at `position`. */
const touchPlaces = (state: ClaimsState, claim: ClaimKnowledge, position: bigint) => {
  for (const version of claim.versions) state.placeChangedAt.set(version.placeId, position);
};

/**
 * Folds claim events. It reads the registry (already folded up to this event) for the
 * article's source, so the composite runs it after the registry projection. Never throws.
 */
export const evolveClaims = (
  state: ClaimsState,
  { event, position, recordedAt }: Envelope,
  registry: RegistryState,
): ClaimsState => {
  const known = { position, recordedAt };
  switch (event.type) {
    case 'ClaimRecorded': {
      const { claimId, articleId, kind } = event.data;
      if (state.claims.has(claimId)) break;
      const version = versionOf(kind, event.data, known);
      const article = registry.articles.get(articleId);
      const sourceId = article?.sourceId ?? '';
      state.claims.set(claimId, {
        claimId,
        articleId,
        sourceId,
        sourceIds: [sourceId, ...(article?.additionalSourceIds ?? [])],
        recorded: known,
        versions: [version],
        corroborations: [],
        disputes: [],
      });
      indexVersion(state, claimId, version);
      state.placeChangedAt.set(version.placeId, position);
      break;
    }
    case 'ClaimCorrected': {
      const claim = state.claims.get(event.data.claimId);
      if (!claim) break;
      const version = versionOf(claim.versions[0]!.kind, event.data.corrected, known);
      claim.versions.push(version);
      indexVersion(state, claim.claimId, version);
      touchPlaces(state, claim, position);
      break;
    }
    case 'ClaimRetracted': {
      const claim = state.claims.get(event.data.claimId);
      if (claim && !claim.retracted) {
        claim.retracted = known;
        touchPlaces(state, claim, position);
      }
      break;
    }
    case 'ClaimCorroborated':
      state.claims.get(event.data.claimId)?.corroborations.push(known);
      break;
    case 'ClaimDisputed':
      state.claims.get(event.data.claimId)?.disputes.push(known);
      break;
    case 'SourceReliabilityRevised':
      state.reliabilityChangedAt = position;
      break;
    case 'PlaceRenamed':
      // Answers about the place carry its name.
      state.placeChangedAt.set(event.data.placeId, position);
      break;
    default:
      break;
  }
  return state;
};
