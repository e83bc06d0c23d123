import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApplicationError } from '../applicationError.js';
import type { IdempotencyKey, WriteContext } from '../commands/writeContext.js';
import { clientIdsOf } from './clientIds.js';
import { parseIfMatch } from './ifMatchHeader.js';

const IDEMPOTENCY_KEY_TEXT = /^[\x21-\x7e]{1,200}$/;

const parseIdempotencyKey = (request: FastifyRequest): string | undefined => {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_TEXT.test(header)) {
    throw new ApplicationError('invalid_idempotency_key', 'Idempotency-Key must be 1-200 visible ASCII characters', [
      { field: '/idempotency-key', in: 'headers', message: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  return header;
};

/** What the request asks, as a digest: the method, the route, its parameters and the body. */
const requestHash = (request: FastifyRequest): string =>
  createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)}\n${JSON.stringify(request.body ?? null)}`,
    )
    .digest('base64url');

/**
 * The write context of a request, from its headers: `If-Match`, `Idempotency-Key` (with the
 * request's hash), `X-Request-ID` and `X-Correlation-ID`. A malformed header is an
 * `ApplicationError` naming it (`invalid_if_match`, `invalid_idempotency_key`,
 * `invalid_request_id`, `invalid_correlation_id`), before anything is decided.
 */
export const writeContextOf = (request: FastifyRequest): WriteContext => {
  const ifMatch = parseIfMatch(request);
  const key = parseIdempotencyKey(request);
  const { clientRequestId, correlationId } = clientIdsOf(request);
  const idempotency: IdempotencyKey | undefined = key !== undefined ? { key, requestHash: requestHash(request) } : undefined;
  return {
    principal: request.principal,
    // request.id is the server's own UUID (app.ts never takes it from a header): the cause it records is a fact.
    causationId: request.id,
    correlationId: correlationId ?? request.id,
    ...(clientRequestId !== undefined ? { clientRequestId } : {}),
    ...(idempotency ? { idempotency } : {}),
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  };
};
