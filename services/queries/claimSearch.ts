import type { ClaimProvenance } from '../../domain/claims/provenance.js';
import { type Credibility, gradeOf } from '../../domain/grades.js';
import type { ActorRole, ClaimKind, DatasetName } from '../../domain/vocabulary.js';
import { type BoundingBox, type ClaimMatch, type ClaimSearchFilter, searchClaims } from '../../projections/claimSearch.js';
import { type Cutoff, EVERYTHING } from '../../projections/control/knowledge.js';
import { bestReliabilityOf, reliabilityFrom } from '../../projections/control/reliability.js';
import { locationOf } from '../../projections/placeLineage.js';
import type { RegistryState } from '../../projections/registry.js';
import { ApplicationError } from '../applicationError.js';
import { type ClaimReading, claimReadingOf, type SourceReading, sourcesOf } from './claimReading.js';
import { decodeClaimsCursor, encodeClaimsCursor } from './claimsCursor.js';
import { assertSameFilters, filtersKey } from './cursorFilters.js';
import { type Knowledge, type KnowledgeParams, resolveKnowledge } from './knowledge.js';
import { subtreeOf } from './places.js';
import type { ReadSide } from './readSide.js';
import { pinnedKnowledge } from './timelineCursor.js';

/** `GET /v1/claims` and its CSV export, as parsed from the query string (shapes checked; rules not yet). */
export interface ClaimsQuery {
  readonly dataset?: DatasetName | undefined;
  readonly externalId?: string | undefined;
  readonly kinds?: readonly ClaimKind[] | undefined;
  /** Bounds on `fatalities.best` (people), inclusive; min above max is `validation_failed`. */
  readonly fatalitiesMin?: number | undefined;
  readonly fatalitiesMax?: number | undefined;
  readonly actorId?: string | undefined;
  /** Only with `actorId` (`validation_failed` alone). */
  readonly role?: ActorRole | undefined;
  /** A place and everything under it (`validation_failed` when unknown). */
  readonly placeId?: string | undefined;
  /** The place of this OCHA P-code and everything under it. */
  readonly pcode?: string | undefined;
  /** A place of kind `country` and everything under it. */
  readonly country?: string | undefined;
  readonly bbox?: BoundingBox | undefined;
  /** Valid time, `YYYY-MM-DD`, inclusive; from after to is `validation_failed`. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Canonical UTC instant. */
  readonly updatedSince?: string | undefined;
  readonly includeRetracted: boolean;
  readonly knowledge: KnowledgeParams & { readonly asOfText?: string | undefined };
}

export interface ClaimsPageQuery extends ClaimsQuery {
  readonly cursor?: string | undefined;
  readonly limit: number;
}

/** One claim of the list: the claim as it reads at the cutoff with every v2 field, where it came from and how it is graded. */
export interface ClaimItem extends ClaimReading {
  /** The place's point, else its nearest located ancestor's; null when none is located. */
  readonly location: { readonly lat: number; readonly lon: number; readonly approximate: boolean } | null;
  /** Where the claim came from, as recorded. */
  readonly provenance?: ClaimProvenance;
  /** The dataset release the claim reads from at the cutoff (the last that changed it), or null. */
  readonly release: string | null;
  readonly articleId: string;
  /** Every source of the article, primary first, each with its reliability as known at the cutoff. */
  readonly sources: SourceReading[];
  /** Best source reliability at the cutoff + credibility, e.g. `B2`; null if no source is known. */
  readonly grade: string | null;
  readonly retracted: boolean;
  /** The claim as shown includes a correction known at the cutoff. */
  readonly corrected: boolean;
  readonly recordedAt: string;
  /** The last recording, correction, corroboration, dispute or retraction known at the cutoff. */
  readonly updatedAt: string;
  /** The recording's log position: the list's order. */
  readonly position: string;
}

export interface ClaimsAnswer {
  /** The log position the read models reflected (`X-Ledger-Position`). */
  readonly position: bigint;
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly claims: ClaimItem[];
  /** The next page's cursor, pinned to this page's knowledge; null on the last page. */
  readonly next: string | null;
}

const invalid = (field: string, message: string) =>
  new ApplicationError('validation_failed', `querystring${field}: ${message}`, [{ field, in: 'querystring', message }]);

/** The places a place filter names, each with everything under it; intersected when several are given. */
const placeScope = (registry: RegistryState, query: ClaimsQuery): ReadonlySet<string> | undefined => {
  const scopes: Set<string>[] = [];
  if (query.placeId !== undefined) {
    if (!registry.places.has(query.placeId)) throw invalid('/placeId', `no place ${query.placeId}`);
    scopes.push(subtreeOf(registry, query.placeId));
  }
  if (query.pcode !== undefined) {
    const pcode = query.pcode.toUpperCase();
    const place = [...registry.places.values()].find((p) => p.pcode?.toUpperCase() === pcode);
    if (!place) throw invalid('/pcode', `no place has P-code ${query.pcode}`);
    scopes.push(subtreeOf(registry, place.id));
  }
  if (query.country !== undefined) {
    const byPcode = query.country.toUpperCase();
    const place =
      registry.places.get(query.country) ??
      [...registry.places.values()].find((p) => p.kind === 'country' && p.pcode?.toUpperCase() === byPcode);
    if (!place) throw invalid('/country', `no country place has the id or P-code ${query.country}`);
    if (place.kind !== 'country') throw invalid('/country', `${query.country} is a ${place.kind}, not a country`);
    scopes.push(subtreeOf(registry, place.id));
  }
  if (scopes.length === 0) return undefined;
  const [first, ...rest] = scopes;
  return new Set([...first!].filter((id) => rest.every((s) => s.has(id))));
};

/**
 * The filter `query` asks for at `cutoff`, its rules checked against the registry: each
 * breach is `validation_failed` naming the parameter — fatalitiesMin above fatalitiesMax,
 * `from` after `to`, `role` without `actorId`, an unknown actor or place, a P-code no place
 * has, a `country` that is not a country place. (Shapes — a bbox's four numbers in range and
 * min ≤ max, a known dataset — are the route schema's.)
 */
export const claimFilterOf = (registry: RegistryState, query: ClaimsQuery, cutoff: Cutoff): ClaimSearchFilter => {
  if (query.fatalitiesMin !== undefined && query.fatalitiesMax !== undefined && query.fatalitiesMin > query.fatalitiesMax) {
    throw invalid('/fatalitiesMax', `must not be below fatalitiesMin (${query.fatalitiesMin})`);
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw invalid('/to', `must not be before from (${query.from})`);
  }
  if (query.role !== undefined && query.actorId === undefined) {
    throw invalid('/role', 'needs actorId: the role is the one that actor plays in the claim');
  }
  if (query.actorId !== undefined && !registry.actors.has(query.actorId)) {
    throw invalid('/actorId', `no actor ${query.actorId}`);
  }
  const placeIds = placeScope(registry, query);
  return {
    ...(query.dataset !== undefined ? { dataset: query.dataset } : {}),
    ...(query.externalId !== undefined ? { externalId: query.externalId } : {}),
    ...(query.kinds?.length ? { kinds: new Set(query.kinds) } : {}),
    ...(query.fatalitiesMin !== undefined ? { fatalitiesMin: query.fatalitiesMin } : {}),
    ...(query.fatalitiesMax !== undefined ? { fatalitiesMax: query.fatalitiesMax } : {}),
    ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
    ...(query.role !== undefined ? { role: query.role } : {}),
    ...(placeIds ? { placeIds } : {}),
    ...(query.bbox !== undefined ? { bbox: query.bbox } : {}),
    ...(query.from !== undefined ? { from: query.from } : {}),
    ...(query.to !== undefined ? { to: query.to } : {}),
    ...(query.updatedSince !== undefined ? { updatedSince: query.updatedSince } : {}),
    includeRetracted: query.includeRetracted,
    cutoff,
  };
};

/** A match as the API shows it. */
export const claimItemOf = (registry: RegistryState, cutoff: Cutoff, match: ClaimMatch): ClaimItem => {
  const { claim, version } = match;
  const reliability = bestReliabilityOf(reliabilityFrom(registry.sources), claim, cutoff);
  return {
    ...claimReadingOf(registry, claim.claimId, version),
    location: locationOf(registry, version.placeId) ?? null,
    ...(claim.provenance !== undefined ? { provenance: claim.provenance } : {}),
    release: version.release ?? null,
    articleId: claim.articleId,
    sources: sourcesOf(registry, claim, cutoff),
    grade: reliability ? gradeOf(reliability, version.credibility as Credibility) : null,
    retracted: match.retracted,
    corrected: version !== claim.versions[0],
    recordedAt: claim.recorded.recordedAt,
    updatedAt: match.updatedAt.recordedAt,
    position: claim.recorded.position.toString(),
  };
};

/**
 * A read's knowledge, never `EVERYTHING`: the position the models reflected is made explicit,
 * so an answer drawn over time (the CSV stream) or over pages leaves out what is recorded
 * after it began.
 */
const pinned = (knowledge: Knowledge): Cutoff =>
  knowledge.cutoff === EVERYTHING ? { position: knowledge.position } : knowledge.cutoff;

/**
 * One page of `GET /v1/claims` (issue 11, item 5): the claims the filters select, as known at
 * the cutoff, in recording order. A cursor carries the first page's cutoff, which an explicit
 * `asOf`/`knownAt` may repeat but not change (`invalid_cursor`), so the pages together
 * neither repeat nor skip a claim while writes go on.
 */
export const claimsPage = async (read: ReadSide, query: ClaimsPageQuery): Promise<ClaimsAnswer> => {
  const { cursor: _c, limit: _l, knowledge: _k, ...filters } = query;
  const filtersAsked = filtersKey(filters);
  const page = query.cursor === undefined ? undefined : decodeClaimsCursor(query.cursor);
  if (page) assertSameFilters(page.filters, filtersAsked);
  const asked = { asOf: query.knowledge.asOfText, knownAt: query.knowledge.knownAt };
  const pin = page ? pinnedKnowledge(page, asked) : undefined;
  const knowledge = await resolveKnowledge(
    read,
    pin
      ? {
          ...query.knowledge,
          asOf: { field: '/cursor', in: 'querystring', position: BigInt(pin.asOf) },
          ...(pin.knownAt !== undefined ? { knownAt: pin.knownAt } : {}),
        }
      : query.knowledge,
  );
  const { registry, claims } = read.follower.state;
  const cutoff = pinned(knowledge);
  const filter = claimFilterOf(registry, query, cutoff);
  const matches: ClaimMatch[] = [];
  for (const match of searchClaims(claims, registry, filter, page?.after)) {
    matches.push(match);
    if (matches.length > query.limit) break;
  }
  const shown = matches.slice(0, query.limit);
  const last = shown.at(-1);
  const asOf = knowledge.asOf.toString();
  return {
    position: knowledge.position,
    asOf,
    knownAt: knowledge.knownAt,
    claims: shown.map((m) => claimItemOf(registry, cutoff, m)),
    next:
      matches.length > query.limit && last
        ? encodeClaimsCursor({
            after: last.claim.recorded.position,
            asOf,
            filters: filtersAsked,
            ...(knowledge.knownAt !== null ? { knownAt: knowledge.knownAt } : {}),
          })
        : null,
  };
};

/** Every claim the filters select, for an export drawn row by row: the filter is checked before the first row. */
export interface ClaimsExport {
  readonly position: bigint;
  readonly asOf: string;
  readonly registry: RegistryState;
  readonly cutoff: Cutoff;
  readonly matches: Iterable<ClaimMatch>;
}

/**
 * The claims `query` selects, unpaged, as a lazy sequence for the CSV export. The filter is
 * resolved (and refused) up front; the cutoff is pinned to the position the read models
 * reflected, so claims recorded while the file streams are left out of it.
 */
export const claimsExport = async (read: ReadSide, query: ClaimsQuery): Promise<ClaimsExport> => {
  const knowledge = await resolveKnowledge(read, query.knowledge);
  const { registry, claims } = read.follower.state;
  const cutoff = pinned(knowledge);
  const filter = claimFilterOf(registry, query, cutoff);
  return {
    position: knowledge.position,
    asOf: knowledge.asOf.toString(),
    registry,
    cutoff,
    matches: searchClaims(claims, registry, filter),
  };
};
