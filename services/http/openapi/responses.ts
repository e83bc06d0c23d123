import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';
import type { OperationFacts } from './operations.js';

/**
 * Responses in the document: the errors every route can meet whatever its handler does, and
 * each error as one `components.responses` entry — RFC 9457 `application/problem+json`, the
 * `Problem` schema — since `problem.ts` answers every error so.
 */

type Json = Record<string, unknown>;

export const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

const ERRORS: Readonly<Record<number, string>> = {
  400: 'Bad request: a parameter, header or body is malformed (`code` says how; `errors` names the fields)',
  401: 'Unauthenticated: send `Authorization: Bearer <token>` with a configured token',
  403: "Forbidden: the token's role is below the one the operation needs",
  404: 'Not found',
  408: 'Request timeout: the headers, or a body that stopped arriving, did not come in time',
  409: "Conflict with the ledger's state (`code` says which)",
  412: 'Precondition failed: `If-Match` does not hold (`currentRevision` is the revision now)',
  413: 'Body too large',
  414: 'URI too long: a path parameter is longer than any id the API accepts',
  415: 'Unsupported media type',
  422: 'Unprocessable: the body is well-formed but breaks a rule (`errors` names the fields)',
  431: 'Request header fields too large: refused by the HTTP parser, before any route runs',
  500: 'Internal error (logged)',
  503: 'Unavailable: the ledger or its read models; retry after `Retry-After` seconds',
};

const SUCCESSES: Readonly<Record<number, string>> = { 200: 'OK', 201: 'Created', 204: 'Done; no content' };

const WRITE_SUCCESSES: Readonly<Record<number, string>> = {
  200: 'Nothing to append: the ledger already holds what was asked (the answer names where)',
  201: 'Appended; or, for an `Idempotency-Key` already used, the first answer replayed',
};

/**
 * The errors any request of a route can meet, whatever its handler does: the HTTP parser's
 * and the receipt timeouts' (every request), validation's and the framework's (`problem.ts`), authentication's
 * (`auth.ts`, when the route needs a role and tokens are configured), the ledger's.
 */
export const sharedErrors = (schema: Json, url: string, guarded: boolean): number[] => [
  408,
  431,
  ...(schema.querystring || schema.params || schema.headers ? [400] : []),
  ...(schema.body ? [400, 413, 415, 422] : []),
  ...(schema.params ? [414] : []),
  ...(guarded ? [401, 403] : []),
  ...(url.startsWith('/v1/') ? [500, 503] : []),
];

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** A fastify response or body given per media type: `{ content: { [type]: { schema } } }`. */
export const isContentForm = (value: unknown): value is { content: Record<string, { schema: unknown }>; description?: string } =>
  isObject(value) && isObject(value.content);

/** `Request Header Fields Too Large` → `RequestHeaderFieldsTooLarge`: the component of a problem status. */
const problemResponseId = (status: number) => (STATUS_CODES[status] ?? `Status${status}`).replace(/[^A-Za-z]/g, '');

/**
 * One response of a route, in @fastify/swagger's input shape: an error whose schema is the
 * Problem refers to its component; anything else names the media type it is sent with.
 */
export const responseObject = (status: number, schema: unknown, facts: OperationFacts): Json => {
  const json = schema as Json;
  if (status >= 400 && json.$ref === PROBLEM_SCHEMA_REF) {
    return { description: ERRORS[status] ?? STATUS_CODES[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: json } } };
  }
  const description = (facts.write && WRITE_SUCCESSES[status]) || SUCCESSES[status] || STATUS_CODES[status] || `${status}`;
  if (isContentForm(schema)) return { ...schema, description: schema.description ?? description };
  if (json.type === 'null') return { ...json, description };
  return { description, content: { 'application/json': { schema: json } } };
};

/** A problem response's reference to its component, or undefined for any other response. */
export const problemResponseRef = (status: number, response: Json): Json | undefined => {
  const content = response.content as Json | undefined;
  if (!content?.[PROBLEM_CONTENT_TYPE] || !ERRORS[status]) return undefined;
  return { $ref: `#/components/responses/${problemResponseId(status)}` };
};

const problemResponse = (status: number): Json => ({
  description: ERRORS[status],
  headers: {
    'X-Request-ID': { $ref: '#/components/headers/XRequestId' },
    ...(status === 503 ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } : {}),
  },
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } },
});

/** `components.responses`: the problem responses of `statuses`. */
export const problemResponses = (statuses: Iterable<number>): Record<string, Json> =>
  Object.fromEntries(
    [...new Set(statuses)].sort((a, b) => a - b).map((status) => [problemResponseId(status), problemResponse(status)]),
  );
