import { createHash } from 'node:crypto';
import { ApplicationError } from '../applicationError.js';

/**
 * A short fingerprint of a query's filters (SHA-256 of their canonical JSON, 16 hex digits).
 * A page cursor carries the fingerprint of its first page's filters, so that a next page
 * asked with other filters is refused rather than answered with a page of another list.
 * Undefined filters are left out and the keys sorted: the order of the query string and an
 * absent default do not count.
 */
export const filtersKey = (filters: Readonly<Record<string, unknown>>): string =>
  createHash('sha256')
    .update(
      JSON.stringify(
        Object.entries(filters)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    )
    .digest('hex')
    .slice(0, 16);

/** `400 invalid_cursor` unless the cursor's filters are the ones asked now. */
export const assertSameFilters = (cursorFilters: string, asked: string): void => {
  if (cursorFilters === asked) return;
  const message = 'was given for other filters: ask the next page with the filters of the first';
  throw new ApplicationError('invalid_cursor', `cursor ${message}`, [{ field: '/cursor', in: 'querystring', message }]);
};
