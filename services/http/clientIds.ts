import type { FastifyRequest } from 'fastify';
import { ApplicationError } from '../applicationError.js';

/** Ids a client may attach to a request: 1–200 visible ASCII characters (no spaces, no controls). */
const CLIENT_ID_TEXT = /^[\x21-\x7e]{1,200}$/;

const HEADERS = {
  clientRequestId: { header: 'x-request-id', code: 'invalid_request_id' },
  correlationId: { header: 'x-correlation-id', code: 'invalid_correlation_id' },
} as const;

type ClientId = keyof typeof HEADERS;

const headerOf = (request: FastifyRequest, id: ClientId): unknown => request.headers[HEADERS[id].header];

/**
 * The client's `X-Request-ID` when it is well-formed, else undefined: what the response echoes.
 * The server names every request itself (`request.id`, a UUID); the client's id is only ever
 * kept beside it (metadata `clientRequestId`), never in its place.
 */
export const clientRequestIdOf = (request: Pick<FastifyRequest, 'headers'>): string | undefined => {
  const value = request.headers[HEADERS.clientRequestId.header];
  return typeof value === 'string' && CLIENT_ID_TEXT.test(value) ? value : undefined;
};

/** The `X-Request-ID` a response carries: the client's own when it sent a well-formed one, else the server's. */
export const echoedRequestId = (request: FastifyRequest): string => clientRequestIdOf(request) ?? request.id;

/**
 * The client-supplied ids a write records in its metadata (`X-Request-ID`, `X-Correlation-ID`),
 * each absent or well-formed; a malformed one is `invalid_request_id` / `invalid_correlation_id`
 * (400) and the write changes nothing.
 */
export const clientIdsOf = (request: FastifyRequest): { clientRequestId?: string; correlationId?: string } => {
  const ids: { clientRequestId?: string; correlationId?: string } = {};
  for (const id of Object.keys(HEADERS) as ClientId[]) {
    const value = headerOf(request, id);
    if (value === undefined) continue;
    const { header, code } = HEADERS[id];
    if (typeof value !== 'string' || !CLIENT_ID_TEXT.test(value)) {
      throw new ApplicationError(code, `${header} must be 1-200 visible ASCII characters`, [
        { field: `/${header}`, in: 'headers', message: 'must be 1-200 visible ASCII characters' },
      ]);
    }
    ids[id] = value;
  }
  return ids;
};
