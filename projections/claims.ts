import type { ActorRoles } from '../domain/claims/actorRoles.js';
import type { Fatalities } from '../domain/claims/fatalities.js';
import type { ClaimPrecision } from '../domain/claims/precision.js';
import type { ClaimProvenance } from '../domain/claims/provenance.js';
import type { Typology } from '../domain/claims/typology.js';
import { endOf, startOf } from '../domain/dates.js';
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
  /**
   * The period's end as recorded (a partial date), when the claim covers a period (claim model
   * v2). The last day covered and the last day a filter matches are derived from it on demand
   * (`validEndOf`, `matchedUntilOf`), not kept: a rebuild holds a million versions.
   */
  readonly validEndDate: string | undefined;
  readonly approximate: boolean;
  readonly credibility: number;
  readonly quote: Quote | undefined;
  readonly summary: string | undefined;
  readonly attributedTo: string | undefined;
  readonly fatalities: Fatalities | undefined;
  readonly actorRoles: ActorRoles | undefined;
  readonly precision: ClaimPrecision | undefined;
  readonly typology: Typology | undefined;
  /**
   * The dataset release this version reads from: the recording's, else the last correction's
   * that named one (ClaimCorrected v2 `provenance`); undefined for claims not from a dataset.
   */
  readonly release: string | undefined;
}

export interface ClaimKnowledge {
  readonly claimId: string;
  readonly articleId: string;
  /** The primary source of the claim's article. */
  readonly sourceId: string;
  /**
   * Every source of the article, primary first, when it names further ones (ArticleRecorded v2
   * `additionalSourceIds`); undefined when `sourceId` is its only source — most claims, so a
   * rebuild does not make a million one-element arrays. Each source corroborates the claim,
   * and the best reliability among them, as known at K, grades it (`sourcesOfClaim`).
   */
  readonly sourceIds: readonly string[] | undefined;
  /** When the claim was recorded: the tie-breaker among claims of the same valid start. */
  readonly recorded: Known;
  /** Where the claim came from, as recorded (a suggestion, a dataset row), when not typed in. */
  readonly provenance: ClaimProvenance | undefined;
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
   * `externalKey(dataset, externalId)` → the claim the dataset row made (issue 11): the
   * dataset's own id as recorded, exactly (`datasetClaimId` folds case and punctuation).
   */
  readonly byExternalId: Map<string, string>;
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
const versionOf = (kind: string, body: Body, known: Known, release: string | undefined): ClaimVersion => {
  return {
    known,
    kind,
    placeId: body.placeId,
    actorIds: body.actorIds,
    share: body.share,
    inFavourOf: body.inFavourOf,
    validDate: body.validTime.date,
    validStart: startOf(body.validTime.date),
    validEndDate: body.validTime.end,
    approximate: body.validTime.approximate,
    credibility: body.credibility,
    quote: body.quote,
    summary: body.summary,
    attributedTo: body.attributedTo,
    fatalities: body.fatalities,
    actorRoles: body.actorRoles,
    precision: body.precision,
    typology: body.typology,
    release,
  };
};

/** The last day a version covers, `YYYY-MM-DD`: `endOf(end ?? date)` (`2018-11` → `2018-11-30`). */
export const validEndOf = (version: Pick<ClaimVersion, 'validDate' | 'validEndDate'>): string =>
  endOf(version.validEndDate ?? version.validDate);

/**
 * The last day a valid-time filter (timeline and claims `from`) matches a version on,
 * `YYYY-MM-DD`. A period (`end` given, claim model v2) is matched on every day it covers, so a
 * filter finds any period it overlaps (issue 11: a claim of 2017-10-01…2017-10-20 is on a
 * timeline from 2017-10-15). A single date (no `end`) is matched on its first day, as before
 * version 2 (DESIGN: a partial date starts at its first day), so every old ledger answers
 * exactly as it did: a claim of "2018-10" is on a timeline from 2018-10-01, not from 2018-10-15.
 */
export const matchedUntilOf = (version: Pick<ClaimVersion, 'validStart' | 'validEndDate'>): string =>
  version.validEndDate === undefined ? version.validStart : endOf(version.validEndDate);

/** Every source of the claim's article, primary first. */
export const sourcesOfClaim = (claim: Pick<ClaimKnowledge, 'sourceId' | 'sourceIds'>): readonly string[] =>
  claim.sourceIds ?? [claim.sourceId];

/** The key of `byExternalId`: a dataset name has no NUL, so keys of two datasets never meet. */
export const externalKey = (dataset: string, externalId: string) => `${dataset}\u0000${externalId}`;

const indexVersion = (state: ClaimsState, claimId: string, version: ClaimVersion) => {
  index(state.byPlace, version.placeId, claimId);
  for (const actorId of version.actorIds) index(state.byActor, actorId, claimId);
  if (version.inFavourOf) index(state.byActor, version.inFavourOf, claimId);
};

/**
 * 2: claim model v2 (issue 11) — periods, dataset fields, every source of the article.
 * 3: provenance, each version's dataset release, the external-id index (claims search).
 */
export const CLAIMS_VERSION = 3;

export const initialClaimsState = (): ClaimsState => ({
  claims: new Map(),
  byPlace: new Map(),
  byActor: new Map(),
  byExternalId: new Map(),
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
      const { claimId, articleId, kind, provenance } = event.data;
      if (state.claims.has(claimId)) break;
      const dataset = provenance?.kind === 'dataset' ? provenance : undefined;
      const version = versionOf(kind, event.data, known, dataset?.release);
      const article = registry.articles.get(articleId);
      const sourceId = article?.sourceId ?? '';
      state.claims.set(claimId, {
        claimId,
        articleId,
        sourceId,
        sourceIds: article?.additionalSourceIds?.length ? [sourceId, ...article.additionalSourceIds] : undefined,
        recorded: known,
        provenance,
        versions: [version],
        corroborations: [],
        disputes: [],
      });
      indexVersion(state, claimId, version);
      if (dataset) state.byExternalId.set(externalKey(dataset.dataset, dataset.externalId), claimId);
      state.placeChangedAt.set(version.placeId, position);
      break;
    }
    case 'ClaimCorrected': {
      const claim = state.claims.get(event.data.claimId);
      if (!claim) break;
      const release = event.data.provenance?.release ?? claim.versions.at(-1)?.release;
      const version = versionOf(claim.versions[0]!.kind, event.data.corrected, known, release);
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
