import type { OperationFacts } from './operations.js';

/**
 * The HTTP headers of the protocol, as the OpenAPI document declares them: request headers as
 * `components.parameters`, response headers as `components.headers`, each referenced by the
 * operations and responses that use it. The behaviour lives in `http/writes.ts` (If-Match,
 * Idempotency-Key, ETag, Idempotent-Replayed), `http/clientIds.ts` (X-Request-ID,
 * X-Correlation-ID), `http/reads.ts` (X-Ledger-Position) and `http/problem.ts`
 * (Retry-After); this file only names it.
 */

type Json = Record<string, unknown>;

/** 1–200 visible ASCII characters: the ids and keys a client may send (`clientIds.ts`, `writes.ts`). */
const VISIBLE_ASCII = { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' };
const POSITION = { type: 'string', pattern: '^\\d{1,20}$' };
/** A stream revision as a strong entity tag (RFC 9110 §8.8.3). */
const ENTITY_TAG = { type: 'string', pattern: '^"\\d{1,15}"$' };

/** Canonical spellings: fastify lower-cases header names; the document spells them as their RFCs do. */
export const HEADER_NAMES: Readonly<Record<string, string>> = {
  'if-match': 'If-Match',
  'idempotency-key': 'Idempotency-Key',
  'x-request-id': 'X-Request-ID',
  'x-correlation-id': 'X-Correlation-ID',
  'last-event-id': 'Last-Event-ID',
};

const header = (name: string, description: string, schema: Json) => ({ in: 'header', name, description, schema });

export const PARAMETER_COMPONENTS: Readonly<Record<string, Json>> = {
  IfMatch: header(
    'If-Match',
    'RFC 9110 §13.1.1: `"<revision>"` (the `revision` a write answered, or a read\'s `ETag`), a comma-separated ' +
      'list of them, or `*` for "the stream exists". `412 precondition_failed` with `currentRevision` when it does ' +
      'not hold; `400 invalid_if_match` when it is not of that form.',
    { type: 'string' },
  ),
  IdempotencyKey: header(
    'Idempotency-Key',
    'Makes a retried write return the first answer (`201`, `Idempotent-Replayed: true`) instead of writing again. ' +
      'Keys are per principal; the same key with a different request is `422 idempotency_key_reused`.',
    VISIBLE_ASCII,
  ),
  XCorrelationId: header(
    'X-Correlation-ID',
    "Ties the write's events to the client's workflow: recorded as their `metadata.correlationId`.",
    VISIBLE_ASCII,
  ),
  XRequestId: header(
    'X-Request-ID',
    "The client's id for the request: echoed in the response, and recorded as `metadata.clientRequestId` by writes " +
      '(which refuse a malformed one with `400 invalid_request_id`).',
    VISIBLE_ASCII,
  ),
};

/** References to the header parameters of an operation. */
export const requestHeaders = (facts: OperationFacts): Json[] =>
  [...(facts.write === 'one' ? ['IfMatch'] : []), ...(facts.write ? ['IdempotencyKey', 'XCorrelationId'] : []), 'XRequestId'].map(
    (id) => ({ $ref: `#/components/parameters/${id}` }),
  );

const described = (description: string, schema: Json, required = false) => ({
  description,
  ...(required ? { required } : {}),
  schema,
});

export const HEADER_COMPONENTS: Readonly<Record<string, Json>> = {
  XRequestId: described(
    "The client's `X-Request-ID` when it sent a well-formed one, else the server's own id for the request.",
    { type: 'string' },
    true,
  ),
  XLedgerPosition: described(
    'The log position the answer reflects (decimal text): pass it as `minPosition` or `asOf` to read as of it.',
    POSITION,
    true,
  ),
  WriteETag: described(
    'The stream revision after the write, as an entity tag: send it back as `If-Match`. Absent on replays.',
    ENTITY_TAG,
  ),
  ReadETag: described(
    "The stream's revision, as an entity tag: send it back as `If-Match` to write only if nothing changed since.",
    ENTITY_TAG,
    true,
  ),
  Location: described('The created resource.', { type: 'string' }),
  IdempotentReplayed: described('Present when this answer is the first answer to the same `Idempotency-Key`, replayed.', {
    type: 'string',
    const: 'true',
  }),
  RetryAfter: described(
    'Seconds to wait before retrying: the condition is expected to pass.',
    {
      type: 'string',
      pattern: '^\\d+$',
    },
    true,
  ),
  ContentDisposition: described('A file name for the download.', { type: 'string' }),
};

const ref = (id: keyof typeof HEADER_COMPONENTS) => ({ $ref: `#/components/headers/${id}` });

/**
 * References to the response headers of one response (other than a problem: see
 * `responses.ts`): `status` of an operation with these facts.
 */
export const responseHeaders = (facts: OperationFacts, status: number): Record<string, Json> => {
  const ok = status >= 200 && status < 300;
  return {
    'X-Request-ID': ref('XRequestId'),
    ...(ok && facts.read ? { 'X-Ledger-Position': ref('XLedgerPosition') } : {}),
    ...(ok && facts.etag ? { ETag: ref('ReadETag') } : {}),
    ...(ok && facts.write === 'one' ? { ETag: ref('WriteETag') } : {}),
    ...(status === 201 ? { Location: ref('Location') } : {}),
    ...(status === 201 && facts.write ? { 'Idempotent-Replayed': ref('IdempotentReplayed') } : {}),
    ...(ok && facts.download ? { 'Content-Disposition': ref('ContentDisposition') } : {}),
  };
};
