import type { Grade } from '../../domain/grades.js';
import type { ClaimKind } from '../../domain/vocabulary.js';
import { reliabilityFrom } from '../../projections/control/reliability.js';
import { type TimelineEntry, timeline } from '../../projections/timeline.js';
import { type ClaimReading, claimReadingOf, type SourceReading, sourcesOf } from './claimReading.js';
import { assertSameFilters, filtersKey } from './cursorFilters.js';
import { type KnowledgeParams, knowledgeNow, resolveKnowledge } from './knowledge.js';
import { requirePlace, subtreeOf } from './places.js';
import type { ReadSide } from './readSide.js';
import { type TimelinePage as CursorPage, decodeCursor, encodeCursor, pinnedKnowledge } from './timelineCursor.js';

export interface TimelineQuery {
  /** Only claims about this place (`not_found` if unknown)… */
  readonly place?: string | undefined;
  /** …and the places within it. */
  readonly descendants: boolean;
  readonly actor?: string | undefined;
  readonly kinds?: readonly ClaimKind[] | undefined;
  /** Valid time from, YYYY-MM-DD (inclusive): claims whose period overlaps from…to. */
  readonly from?: string | undefined;
  /** Valid time to, YYYY-MM-DD (inclusive). */
  readonly to?: string | undefined;
  readonly minGrade?: Grade | undefined;
  /** The `next` of the previous page (`invalid_cursor` if this API did not give it out). */
  readonly cursor?: string | undefined;
  readonly limit: number;
  readonly knowledge: KnowledgeParams & {
    /** The asked `asOf` as text, to compare with a cursor's pinned cutoff. */
    readonly asOfText?: string | undefined;
  };
}

/** One claim on the timeline, as known at the cutoff, with its article, source and grade. */
export interface TimelineItem extends ClaimReading {
  readonly location: { readonly lat: number; readonly lon: number; readonly approximate: boolean } | null;
  readonly grade: string | null;
  readonly article: { id: string; title: string | null; publishedAt: string | null; url?: string; citation?: string };
  /** The article's primary source; `reliability` is the letter of the grade (the best source's at the cutoff). */
  readonly source: { id: string; name: string | null; reliability: string | null };
  /** Every source of the article, primary first, each with its own reliability as known at the cutoff. */
  readonly sources: SourceReading[];
  readonly recordedAt: string;
  readonly position: string;
  readonly corrected: boolean;
  readonly corroborations: number;
  readonly disputes: number;
}

export interface TimelineAnswer {
  /** The log position the read models reflected (`X-Ledger-Position`). */
  readonly position: bigint;
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly entries: TimelineItem[];
  /** The cursor of the next page, pinned to this page's knowledge; null on the last page. */
  readonly next: string | null;
}

/**
 * Claims in valid-time order (DESIGN "REST": `/v1/timeline`), each as known at the cutoff. A
 * cursor carries the first page's knowledge cutoff, which an explicit `asOf`/`knownAt` may
 * repeat but not change, so the pages together neither repeat nor skip a claim.
 */
export const timelinePage = async (read: ReadSide, query: TimelineQuery): Promise<TimelineAnswer> => {
  const { cursor: _c, limit: _l, knowledge: _k, ...filters } = query;
  const filtersAsked = filtersKey(filters);
  const page: CursorPage | undefined = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (page) assertSameFilters(page.filters, filtersAsked);
  const asked = { asOf: query.knowledge.asOfText, knownAt: query.knowledge.knownAt };
  const pinned = page ? pinnedKnowledge(page, asked) : undefined;
  const resolved = await resolveKnowledge(
    read,
    pinned
      ? {
          ...query.knowledge,
          asOf: { field: '/cursor', in: 'querystring', position: BigInt(pinned.asOf) },
          ...(pinned.knownAt !== undefined ? { knownAt: pinned.knownAt } : {}),
        }
      : query.knowledge,
  );
  const knowledge = knowledgeNow(read, resolved);
  const { registry, claims } = read.follower.state;
  if (query.place !== undefined) requirePlace(registry, query.place);
  const placeIds =
    query.place === undefined ? undefined : query.descendants ? subtreeOf(registry, query.place) : new Set([query.place]);
  const { entries, more } = timeline(
    claims,
    {
      ...(placeIds ? { placeIds } : {}),
      ...(query.actor !== undefined ? { actorId: query.actor } : {}),
      ...(query.kinds?.length ? { kinds: new Set(query.kinds) } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      ...(query.minGrade !== undefined ? { minGrade: query.minGrade } : {}),
      ...(page ? { after: page.after } : {}),
      cutoff: knowledge.cutoff,
      limit: query.limit,
    },
    reliabilityFrom(registry.sources),
  );
  const itemOf = ({ claim, version, grade, corrected, corroborations, disputes }: TimelineEntry): TimelineItem => {
    const place = registry.places.get(version.placeId);
    const article = registry.articles.get(claim.articleId);
    const source = registry.sources.get(claim.sourceId);
    return {
      ...claimReadingOf(registry, claim.claimId, version),
      location: place?.location ?? null,
      grade,
      article: {
        id: claim.articleId,
        title: article?.title ?? null,
        publishedAt: article?.publishedAt ?? null,
        ...(article?.url ? { url: article.url } : {}),
        ...(article?.citation !== undefined ? { citation: article.citation } : {}),
      },
      source: { id: claim.sourceId, name: source?.name.en ?? null, reliability: grade ? grade[0]! : null },
      sources: sourcesOf(registry, claim, knowledge.cutoff),
      recordedAt: claim.recorded.recordedAt,
      position: claim.recorded.position.toString(),
      corrected,
      corroborations,
      disputes,
    };
  };
  const last = entries.at(-1);
  const asOf = knowledge.asOf.toString();
  return {
    position: knowledge.position,
    asOf,
    knownAt: knowledge.knownAt,
    entries: entries.map(itemOf),
    next:
      more && last
        ? encodeCursor({
            after: { validStart: last.version.validStart, position: last.claim.recorded.position },
            asOf,
            filters: filtersAsked,
            ...(knowledge.knownAt !== null ? { knownAt: knowledge.knownAt } : {}),
          })
        : null,
  };
};
