import type { ActualRevision } from '../eventstore/port.js';

/**
 * An `If-Match` precondition on a stream (RFC 9110 §13.1.1), where a stream's entity tag is
 * its revision (`ETag: "3"`):
 * - `'*'`: the target has a current representation — the stream exists;
 * - a list of revisions: the stream is at one of them. Strong comparison (§8.8.3.2): weak
 *   tags never match, so they are left out of the list, and an empty list matches nothing.
 */
export type IfMatch = '*' | readonly bigint[];

/** Does a stream at revision `current` satisfy the precondition? */
export const ifMatchHolds = (ifMatch: IfMatch, current: ActualRevision): boolean =>
  current !== 'no_stream' && (ifMatch === '*' || ifMatch.includes(current));

/** What the precondition asked of the stream, in words, for a `precondition_failed` message. */
export const describeIfMatch = (ifMatch: IfMatch, streamId: string): string => {
  if (ifMatch === '*') return `If-Match: * requires ${streamId} to exist`;
  if (ifMatch.length === 0) return `If-Match names no strong revision tag of ${streamId} (a weak tag never matches)`;
  return `If-Match expected ${streamId} at revision ${ifMatch.join(' or ')}`;
};
