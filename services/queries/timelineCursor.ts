import type { TimelineCursor } from '../../projections/timeline.js';
import { ApplicationError } from '../applicationError.js';
import { isPositionText } from './positions.js';

/**
 * The timeline's `next` cursor: where the page ended (the last entry's valid start and
 * recording position) and the knowledge cutoff the first page was answered with — the
 * position it reflected (`asOf`) and the `knownAt` it was asked for, if any.
 *
 * Why the cutoff: each claim is shown as known at the cutoff, and a correction can move a
 * claim across the cursor (a new valid start). Were page 2 answered with newer knowledge than
 * page 1, a claim moved backwards would be skipped and one moved forwards repeated. Pinned,
 * every page reads the same knowledge, and the pages together are exactly the timeline as
 * known at the first page.
 */
export interface TimelinePage {
  readonly after: TimelineCursor;
  /** The log position the first page reflected, decimal. */
  readonly asOf: string;
  /** The first page's `knownAt` (canonical UTC text), if it gave one. */
  readonly knownAt?: string;
  /** `filtersKey` (cursorFilters.ts) of the first page's filters: the next pages must ask the same. */
  readonly filters: string;
}

export const encodeCursor = (page: TimelinePage): string =>
  Buffer.from(
    [page.after.validStart, page.after.position.toString(), page.asOf, page.filters, page.knownAt ?? ''].join('|'),
  ).toString('base64url');

const invalid = (message: string) =>
  new ApplicationError('invalid_cursor', `cursor ${message}`, [{ field: '/cursor', in: 'querystring', message }]);

const CURSOR = /^(\d{4}-\d{2}-\d{2})\|(\d{1,20})\|(\d{1,20})\|([0-9a-f]{16})\|(.*)$/;

/** The cursor's parts; `400 invalid_cursor` for anything this API did not give out. */
export const decodeCursor = (text: string): TimelinePage => {
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString());
  const asOf = match?.[3];
  const knownAt = match?.[5];
  const instant = knownAt ? new Date(knownAt) : undefined;
  if (
    !match ||
    !isPositionText(match[2]) ||
    !isPositionText(asOf) ||
    (instant !== undefined && (Number.isNaN(instant.getTime()) || instant.toISOString() !== knownAt))
  ) {
    throw invalid('must be the `next` value of a previous page');
  }
  return {
    after: { validStart: match[1]!, position: BigInt(match[2]!) },
    asOf: asOf!,
    filters: match[4]!,
    ...(knownAt ? { knownAt } : {}),
  };
};

/**
 * The knowledge query for a page: the cursor's cutoff, which an explicit `asOf` or `knownAt`
 * may repeat but not change (`400 invalid_cursor` naming the parameter: a cursor belongs to
 * the cutoff it was issued for). The claims list's cursor (`claimsCursor.ts`) pins the same way.
 */
export const pinnedKnowledge = (
  page: Pick<TimelinePage, 'asOf' | 'knownAt'>,
  query: { asOf?: string | undefined; knownAt?: string | undefined },
): { asOf: string; knownAt?: string } => {
  if (query.asOf !== undefined && BigInt(query.asOf) !== BigInt(page.asOf)) {
    throw differs('asOf', page.asOf);
  }
  const knownAt = query.knownAt === undefined ? undefined : new Date(query.knownAt).toISOString();
  if (knownAt !== undefined && knownAt !== page.knownAt) {
    throw differs('knownAt', page.knownAt ?? 'none');
  }
  return { asOf: page.asOf, ...(page.knownAt !== undefined ? { knownAt: page.knownAt } : {}) };
};

const differs = (name: string, pinned: string) =>
  new ApplicationError(
    'invalid_cursor',
    `${name} differs from the knowledge cutoff the cursor was issued for (${name} ${pinned}); leave it out to go on ` +
      'paging, or start again without a cursor',
    [{ field: `/${name}`, in: 'querystring', message: `differs from the cursor's ${name} (${pinned})` }],
  );
