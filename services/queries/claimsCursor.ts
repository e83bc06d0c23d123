import { ApplicationError } from '../applicationError.js';
import { isPositionText } from './positions.js';

/**
 * The `next` cursor of `GET /v1/claims`: the recording position of the page's last claim and
 * the knowledge cutoff of the first page — the position it reflected (`asOf`) and its
 * `knownAt`, if any. The list is in recording order, which no correction changes; the cutoff
 * is pinned all the same because the filters read each claim as known at it (a correction can
 * move a claim in or out of `placeId`, `fatalitiesMin`…): pinned, the pages together are
 * exactly the list as known at the first page. Same approach as the timeline's cursor
 * (`timelineCursor.ts`).
 */
export interface ClaimsPage {
  /** The recording position of the last claim of the previous page (exclusive). */
  readonly after: bigint;
  /** The log position the first page reflected, decimal. */
  readonly asOf: string;
  /** The first page's `knownAt` (canonical UTC text), if it gave one. */
  readonly knownAt?: string;
  /** `filtersKey` (cursorFilters.ts) of the first page's filters: the next pages must ask the same. */
  readonly filters: string;
}

/** Tagged, so a timeline cursor is not taken for a claims cursor (or the reverse). */
const TAG = 'claims';

export const encodeClaimsCursor = (page: ClaimsPage): string =>
  Buffer.from([TAG, page.after.toString(), page.asOf, page.filters, page.knownAt ?? ''].join('|')).toString('base64url');

const CURSOR = /^claims\|(\d{1,20})\|(\d{1,20})\|([0-9a-f]{16})\|(.*)$/;

/** The cursor's parts; `400 invalid_cursor` for anything this API did not give out. */
export const decodeClaimsCursor = (text: string): ClaimsPage => {
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString());
  const knownAt = match?.[4];
  const instant = knownAt ? new Date(knownAt) : undefined;
  if (
    !match ||
    !isPositionText(match[1]) ||
    !isPositionText(match[2]) ||
    (instant !== undefined && (Number.isNaN(instant.getTime()) || instant.toISOString() !== knownAt))
  ) {
    const message = 'must be the `next` value of a previous page';
    throw new ApplicationError('invalid_cursor', `cursor ${message}`, [{ field: '/cursor', in: 'querystring', message }]);
  }
  return { after: BigInt(match[1]!), asOf: match[2]!, filters: match[3]!, ...(knownAt ? { knownAt } : {}) };
};
