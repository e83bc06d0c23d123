import type { ActorRole, DatasetName } from '../domain/vocabulary.js';
import { type ClaimKnowledge, type ClaimsState, type ClaimVersion, externalKey, type Known, matchedUntilOf } from './claims.js';
import { atOrBefore, type Cutoff, isKnownAt } from './control/knowledge.js';
import { locationOf } from './placeLineage.js';
import type { RegistryState } from './registry.js';

/** A WGS84 bounding box, degrees, inclusive; `minLon <= maxLon` (no box across the antimeridian). */
export interface BoundingBox {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

/**
 * What `GET /v1/claims` selects (issue 11, item 5), every test on the claim as it reads at
 * the cutoff K (its latest correction known at K). All given filters must hold.
 */
export interface ClaimSearchFilter {
  /** Only rows of this dataset (the claim's provenance). */
  readonly dataset?: DatasetName;
  /** Only the claim of this dataset event id, exactly as the dataset wrote it (with `dataset`, or in any dataset). */
  readonly externalId?: string;
  readonly kinds?: ReadonlySet<string>;
  /** Bounds on `fatalities.best`, inclusive; a claim without fatalities never matches either. */
  readonly fatalitiesMin?: number;
  readonly fatalitiesMax?: number;
  /** Only claims naming this actor (or withdrawing in its favour)… */
  readonly actorId?: string;
  /** …in this role (`actorRoles`); only with `actorId`. */
  readonly role?: ActorRole;
  /** Only claims about these places (the caller expands an area to everything under it). */
  readonly placeIds?: ReadonlySet<string>;
  /** Only claims whose place — or its nearest located ancestor — lies inside. */
  readonly bbox?: BoundingBox;
  /** Inclusive valid-time bounds, `YYYY-MM-DD`: overlapping periods match, as on the timeline. */
  readonly from?: string;
  readonly to?: string;
  /** Only claims updated at or after this instant (canonical UTC): see {@link ClaimMatch.updatedAt}. */
  readonly updatedSince?: string;
  /** Retracted claims too (as their last version known at K reads), flagged; default only standing ones. */
  readonly includeRetracted: boolean;
  readonly cutoff: Cutoff;
}

export interface ClaimMatch {
  readonly claim: ClaimKnowledge;
  /** The claim as it reads at K. */
  readonly version: ClaimVersion;
  /** Retracted by a retraction known at K. */
  readonly retracted: boolean;
  /**
   * The last event about the claim known at K — recorded, corrected, corroborated, disputed or
   * retracted: what `updatedSince` compares (by `recordedAt`).
   */
  readonly updatedAt: Known;
}

/** The latest version known at K, retracted or not; undefined when the claim was not yet recorded at K. */
const lastVersionAt = (claim: ClaimKnowledge, cutoff: Cutoff): ClaimVersion | undefined => {
  if (!isKnownAt(claim.recorded, cutoff)) return undefined;
  for (let i = claim.versions.length - 1; i >= 0; i--) {
    const version = claim.versions[i]!;
    if (isKnownAt(version.known, cutoff)) return version;
  }
  return undefined;
};

const later = (a: Known, b: Known | undefined) => (b !== undefined && b.position > a.position ? b : a);

/** The last of the claim's events known at K (positions and recordedAt grow together along the log). */
const updatedAtOf = (claim: ClaimKnowledge, version: ClaimVersion, retracted: boolean, cutoff: Cutoff): Known => {
  let last = later(claim.recorded, version.known);
  for (const k of claim.corroborations) if (isKnownAt(k, cutoff)) last = later(last, k);
  for (const k of claim.disputes) if (isKnownAt(k, cutoff)) last = later(last, k);
  return retracted ? later(last, claim.retracted) : last;
};

const inBox = (box: BoundingBox, point: { lat: number; lon: number } | null | undefined) =>
  point != null && point.lon >= box.minLon && point.lon <= box.maxLon && point.lat >= box.minLat && point.lat <= box.maxLat;

/**
 * Ids of the claims the smallest index allows, in recording order; undefined when no index
 * narrows (every claim). A superset of the answer: `matches` checks every filter again on the
 * version read at K, so starting from the smallest list is enough.
 */
const candidates = (state: ClaimsState, filter: ClaimSearchFilter): readonly string[] | undefined => {
  const positionOf = (id: string) => state.claims.get(id)?.recorded.position ?? 0n;
  const inRecordingOrder = (ids: Iterable<string>) => [...ids].sort((a, b) => (positionOf(a) < positionOf(b) ? -1 : 1));
  // Each index with its size and how to list it in recording order (merging lists only for the one chosen).
  const lists: { readonly size: number; readonly ids: () => readonly string[] }[] = [];
  if (filter.externalId !== undefined) {
    const datasets: string[] = filter.dataset !== undefined ? [filter.dataset] : ['ucdp-ged', 'acled'];
    const ids = datasets.flatMap((d) => state.byExternalId.get(externalKey(d, filter.externalId!)) ?? []);
    lists.push({ size: ids.length, ids: () => inRecordingOrder(new Set(ids)) });
  }
  if (filter.placeIds) {
    const perPlace = [...filter.placeIds].map((placeId) => state.byPlace.get(placeId) ?? []);
    const size = perPlace.reduce((n, ids) => n + ids.length, 0);
    lists.push({ size, ids: () => (perPlace.length === 1 ? perPlace[0]! : inRecordingOrder(new Set(perPlace.flat()))) });
  }
  if (filter.actorId !== undefined) {
    const ids = state.byActor.get(filter.actorId) ?? [];
    lists.push({ size: ids.length, ids: () => ids });
  }
  if (lists.length === 0) return undefined;
  return lists.reduce((a, b) => (b.size < a.size ? b : a)).ids();
};

/** Whether the claim, as it reads at K, passes every filter. */
const matches = (claim: ClaimKnowledge, version: ClaimVersion, filter: ClaimSearchFilter, registry: RegistryState): boolean => {
  const provenance = claim.provenance?.kind === 'dataset' ? claim.provenance : undefined;
  if (filter.dataset !== undefined && provenance?.dataset !== filter.dataset) return false;
  if (filter.externalId !== undefined && provenance?.externalId !== filter.externalId) return false;
  if (filter.kinds && !filter.kinds.has(version.kind)) return false;
  const best = version.fatalities?.best;
  if (filter.fatalitiesMin !== undefined && (best === undefined || best < filter.fatalitiesMin)) return false;
  if (filter.fatalitiesMax !== undefined && (best === undefined || best > filter.fatalitiesMax)) return false;
  if (filter.actorId !== undefined) {
    const actorId = filter.actorId;
    const named =
      filter.role !== undefined
        ? (version.actorRoles?.some((r) => r.actorId === actorId && r.role === filter.role) ?? false)
        : version.actorIds.includes(actorId) || version.inFavourOf === actorId;
    if (!named) return false;
  }
  if (filter.placeIds && !filter.placeIds.has(version.placeId)) return false;
  if (filter.bbox && !inBox(filter.bbox, locationOf(registry, version.placeId))) return false;
  if (filter.from !== undefined && matchedUntilOf(version) < filter.from) return false;
  if (filter.to !== undefined && version.validStart > filter.to) return false;
  return true;
};

/**
 * The claims the filter selects, as known at K, in recording order (the order no correction
 * changes, so a cursor — the last recording position — pages without gaps or repeats), after
 * the claim recorded at `after` (exclusive). Lazy: the export streams it row by row. Reads
 * the state as it is when each item is drawn: a caller drawing across appends must give a
 * cutoff with a position (what is recorded later is then not known at K).
 */
export function* searchClaims(
  state: ClaimsState,
  registry: RegistryState,
  filter: ClaimSearchFilter,
  after?: bigint,
): Generator<ClaimMatch> {
  const ids = candidates(state, filter);
  const claims: Iterable<ClaimKnowledge | undefined> = ids ? ids.map((id) => state.claims.get(id)) : state.claims.values();
  for (const claim of claims) {
    if (!claim || (after !== undefined && claim.recorded.position <= after)) continue;
    const version = lastVersionAt(claim, filter.cutoff);
    if (!version) continue;
    const retracted = claim.retracted !== undefined && isKnownAt(claim.retracted, filter.cutoff);
    if (retracted && !filter.includeRetracted) continue;
    if (!matches(claim, version, filter, registry)) continue;
    const updatedAt = updatedAtOf(claim, version, retracted, filter.cutoff);
    if (filter.updatedSince !== undefined && !atOrBefore(filter.updatedSince, updatedAt.recordedAt)) continue;
    yield { claim, version, retracted, updatedAt };
  }
}
