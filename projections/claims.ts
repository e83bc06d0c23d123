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
  /**
   * `[recorded, ...corrections]`, in log order. Replaced, never pushed to, when a correction
   * arrives: an array grown by `push` keeps room for 17 (V8), and a 2M-event ledger has a
   * million of these (issue 14's memory goal).
   */
  versions: readonly ClaimVersion[];
  retracted?: Known;
  /** In log order; the shared {@link NONE_KNOWN} until the first (replaced, like `versions`). */
  corroborations: readonly Known[];
  /** In log order; the shared {@link NONE_KNOWN} until the first (replaced, like `versions`). */
  disputes: readonly Known[];
}

/** The empty list every claim without corroborations (or disputes) shares. */
export const NONE_KNOWN: readonly Known[] = Object.freeze([]);

/** `list` with `known` appended, in a new array of exactly that size. */
export const withKnown = (list: readonly Known[], known: Known): readonly Known[] => [...list, known];

const sharedStrings = new Map<string, string>();
const sharedActorLists = new Map<string, readonly string[]>();

/**
 * One string object per distinct id, date or kind, however many claims name it: decoded events
 * each carry their own copy, and a 2M-event ledger names the same places, actors and dates a
 * million times. Only values that recur are interned (never free text), so the table stays the
 * size of the vocabulary.
 */
export const sharedString = (value: string): string => {
  const seen = sharedStrings.get(value);
  if (seen !== undefined) return seen;
  sharedStrings.set(value, value);
  return value;
};

/** One frozen array per distinct list of actor ids (most claims name one of a few lists). */
export const sharedActorIds = (actorIds: readonly string[]): readonly string[] => {
  const key = actorIds.length === 1 ? actorIds[0]! : actorIds.join('\u0000');
  const seen = sharedActorLists.get(key);
  if (seen !== undefined) return seen;
  const list = Object.freeze(actorIds.map(sharedString));
  sharedActorLists.set(key, list);
  return list;
};

export interface ClaimsState {
  readonly claims: Map<string, ClaimKnowledge>;
  /**
   * Place id → ids of claims any version of which names the place (a correction may move a
   * claim), each once, in the order the claims were recorded. Lists, not sets: a restart
   * rebuilds them from a snapshot by appending (issue 14), and readers check every filter on
   * the version they read anyway, so they only start from the smallest list.
   */
  readonly byPlace: Map<string, string[]>;
  /** Actor id → ids of claims any version of which names the actor (or favours it); as `byPlace`. */
  readonly byActor: Map<string, string[]>;
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

/**
 * Adds the claim to the list under `key` unless it is there, keeping the list in recording
 * order. New claims are the last recorded, so this appends; only a correction that names a
 * place or actor for the first time, on an older claim, searches for its place in the list.
 */
const list = (state: ClaimsState, map: Map<string, string[]>, key: string, claim: ClaimKnowledge, latest: boolean) => {
  const ids = map.get(key);
  if (!ids) {
    map.set(key, [claim.claimId]);
    return;
  }
  const { position } = claim.recorded;
  const last = ids[ids.length - 1]!;
  if (last === claim.claimId) return;
  if (latest || recordedPositionOf(state, last) < position) {
    ids.push(claim.claimId);
    return;
  }
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (recordedPositionOf(state, ids[middle]!) < position) low = middle + 1;
    else high = middle;
  }
  if (ids[low] !== claim.claimId) ids.splice(low, 0, claim.claimId);
};

function recordedPositionOf(state: ClaimsState, claimId: string): bigint {
  return state.claims.get(claimId)?.recorded.position ?? 0n;
}

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
  const validDate = sharedString(body.validTime.date);
  const start = startOf(body.validTime.date);
  return {
    known,
    kind: sharedString(kind),
    placeId: sharedString(body.placeId),
    actorIds: sharedActorIds(body.actorIds),
    share: body.share,
    inFavourOf: body.inFavourOf === undefined ? undefined : sharedString(body.inFavourOf),
    validDate,
    // A full day starts on itself: the same shared string, one lookup fewer.
    validStart: start === body.validTime.date ? validDate : sharedString(start),
    validEndDate: body.validTime.end === undefined ? undefined : sharedString(body.validTime.end),
    approximate: body.validTime.approximate,
    credibility: body.credibility,
    quote: body.quote,
    summary: body.summary,
    attributedTo: body.attributedTo === undefined ? undefined : sharedString(body.attributedTo),
    fatalities: body.fatalities,
    actorRoles: body.actorRoles,
    precision: body.precision,
    typology: body.typology,
    release: release === undefined ? undefined : sharedString(release),
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

/**
 * Adds the claim to the place and actor indexes under every id the version names (the fold, and
 * a snapshot's restore). `latest`: no claim recorded after this one is indexed yet (a recording;
 * a restore, which goes in log order), so the claim belongs at the end of every list.
 */
export const indexClaimVersion = (state: ClaimsState, claim: ClaimKnowledge, version: ClaimVersion, latest: boolean): void => {
  list(state, state.byPlace, version.placeId, claim, latest);
  for (const actorId of version.actorIds) list(state, state.byActor, actorId, claim, latest);
  if (version.inFavourOf) list(state, state.byActor, version.inFavourOf, claim, latest);
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
      const claim: ClaimKnowledge = {
        claimId,
        // The article's own strings: every claim citing it shares them, and no lookup is paid for.
        articleId: article?.id ?? sharedString(articleId),
        sourceId,
        sourceIds: article?.additionalSourceIds?.length ? [sourceId, ...article.additionalSourceIds] : undefined,
        recorded: known,
        provenance,
        versions: [version],
        corroborations: NONE_KNOWN,
        disputes: NONE_KNOWN,
      };
      state.claims.set(claimId, claim);
      indexClaimVersion(state, claim, version, true);
      if (dataset) state.byExternalId.set(externalKey(dataset.dataset, dataset.externalId), claimId);
      state.placeChangedAt.set(version.placeId, position);
      break;
    }
    case 'ClaimCorrected': {
      const claim = state.claims.get(event.data.claimId);
      if (!claim) break;
      const release = event.data.provenance?.release ?? claim.versions.at(-1)?.release;
      const version = versionOf(claim.versions[0]!.kind, event.data.corrected, known, release);
      claim.versions = [...claim.versions, version];
      indexClaimVersion(state, claim, version, false);
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
    case 'ClaimCorroborated': {
      const claim = state.claims.get(event.data.claimId);
      if (claim) claim.corroborations = withKnown(claim.corroborations, known);
      break;
    }
    case 'ClaimDisputed': {
      const claim = state.claims.get(event.data.claimId);
      if (claim) claim.disputes = withKnown(claim.disputes, known);
      break;
    }
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
