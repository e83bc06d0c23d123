import type { FastifyRequest } from 'fastify';
import { ApplicationError } from '../applicationError.js';
import type { IfMatch } from '../commands/ifMatch.js';

/** `entity-tag = [ W/ ] DQUOTE *etagc DQUOTE`, etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3). */
const ENTITY_TAG = /(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/y;
/** A stream's entity tag is its revision in decimal. */
const REVISION_TAG = /^\d{1,15}$/;

const invalidIfMatch = () =>
  new ApplicationError(
    'invalid_if_match',
    'If-Match must be * or a comma-separated list of entity tags, e.g. If-Match: "3" (RFC 9110 §13.1.1)',
    [{ field: '/if-match', in: 'headers', message: 'must be * or a list of entity tags such as "3"' }],
  );

/**
 * `If-Match` (RFC 9110 §13.1.1) as a precondition, or undefined when absent:
 * `*` → the stream must exist; `"3", "4"` → its revision must be one of them. Strong
 * comparison: a weak tag (`W/"3"`) is well-formed but never matches, and neither does a
 * strong tag that is not a revision — both fail the precondition (412), not the request
 * (400). A header that is not `*` or a list of entity tags (empty elements allowed, §5.6.1)
 * is `invalid_if_match`.
 */
export const parseIfMatch = (request: FastifyRequest): IfMatch | undefined => {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string') throw invalidIfMatch();
  if (header.trim() === '*') return '*';
  const revisions: bigint[] = [];
  let tags = 0;
  let at = 0;
  const skip = (pattern: RegExp) => {
    while (at < header.length && pattern.test(header[at]!)) at++;
  };
  for (;;) {
    skip(/[ \t,]/);
    if (at === header.length) break;
    ENTITY_TAG.lastIndex = at;
    const tag = ENTITY_TAG.exec(header);
    if (!tag) throw invalidIfMatch();
    at = ENTITY_TAG.lastIndex;
    tags++;
    if (!tag[1] && REVISION_TAG.test(tag[2]!)) revisions.push(BigInt(tag[2]!));
    skip(/[ \t]/);
    if (at < header.length && header[at] !== ',') throw invalidIfMatch();
  }
  if (tags === 0) throw invalidIfMatch();
  return revisions;
};
