import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, type DomainErrorCode } from '../../domain/errors.js';
import { ApplicationError, type ApplicationErrorCode } from '../applicationError.js';
import {
  DuplicateEventIdError,
  StoreClosedError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../eventstore/errors.js';
import { ImportError, type ImportErrorCode } from '../feeds/importError.js';

/**
 * RFC 9457 problem details. This file alone maps errors to HTTP statuses: the domain and the
 * event store raise errors with stable codes, and every route lets them propagate here.
 */
export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable code.'),
    errors: z
      .array(
        z.object({
          field: z.string().describe('JSON Pointer into the request part named by `in`.'),
          in: z.string(),
          message: z.string(),
        }),
      )
      .optional()
      .describe('For validation problems: every failing field.'),
    currentRevision: z
      .string()
      .optional()
      .describe('For 412 and 409 revision conflicts, and revision_beyond_end: the stream revision now.'),
    head: z
      .string()
      .optional()
      .describe('For position_beyond_head: the head of the log, the last position the ledger has given out.'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const DOMAIN_STATUS: Record<DomainErrorCode, { status: number; title: string }> = {
  already_exists: { status: 409, title: 'Already exists' },
  not_found: { status: 404, title: 'Not found' },
  unknown_reference: { status: 422, title: 'Unknown reference' },
  invalid_command: { status: 422, title: 'Invalid command' },
  claim_retracted: { status: 409, title: 'Claim retracted' },
  place_cycle: { status: 422, title: 'Place tree cycle' },
};

const IMPORT_STATUS: Record<ImportErrorCode, { status: number; title: string }> = {
  invalid_export: { status: 422, title: 'Invalid export' },
  import_rule_violated: { status: 422, title: 'Import breaks a ledger rule' },
  invalid_recorded_at: { status: 422, title: 'Invalid recordedAt' },
  import_conflict: { status: 409, title: 'Import conflict' },
  import_interrupted: { status: 409, title: 'Import interrupted' },
};

const APPLICATION_STATUS: Record<ApplicationErrorCode, { status: number; title: string }> = {
  unauthenticated: { status: 401, title: 'Unauthenticated' },
  forbidden: { status: 403, title: 'Forbidden' },
  // 422 instead when a failing field is in the body: see `validationStatus`.
  validation_failed: { status: 400, title: 'Validation failed' },
  not_found: { status: 404, title: 'Not found' },
  stream_not_found: { status: 404, title: 'Stream not found' },
  position_beyond_head: { status: 400, title: 'Position beyond the head of the log' },
  revision_beyond_end: { status: 400, title: 'Revision beyond the end of the stream' },
  not_caught_up: { status: 503, title: 'Read models behind' },
  request_timeout: { status: 408, title: 'Request timeout' },
  page_not_built: { status: 503, title: 'Page not built' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  invalid_range: { status: 400, title: 'Invalid range' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  invalid_if_match: { status: 400, title: 'Invalid If-Match' },
  if_match_not_supported: { status: 400, title: 'If-Match not supported' },
  invalid_idempotency_key: { status: 400, title: 'Invalid Idempotency-Key' },
  invalid_request_id: { status: 400, title: 'Invalid X-Request-ID' },
  invalid_correlation_id: { status: 400, title: 'Invalid X-Correlation-ID' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused' },
  batch_rejected: { status: 422, title: 'Batch rejected' },
  invalid_header: { status: 400, title: 'Invalid header' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  webhook_not_found: { status: 404, title: 'Not found' },
  parked_delivery_not_found: { status: 404, title: 'Not found' },
  url_not_allowed: { status: 422, title: 'URL not allowed' },
  webhooks_stopped: { status: 503, title: 'Shutting down' },
  invalid_dataset: { status: 422, title: 'Invalid dataset file' },
};

/**
 * A validation problem is a 422 when the body failed (well-formed, but not what the
 * operation takes) and a 400 when the URL or headers did (the request itself is malformed).
 */
const validationStatus = (where: readonly string[]): number => (where.includes('body') ? 422 : 400);

const typeOf = (code: string) => `urn:sijill:problem:${code}`;

const problem = (status: number, code: string, title: string, detail: string, extra: Partial<Problem> = {}): Problem => ({
  type: typeOf(code),
  title,
  status,
  detail,
  code,
  ...extra,
});

type ValidationIssue = { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> };

/** Flatten zod issues into field-level errors; unknown keys become one error per key. */
const fieldErrors = (issues: readonly ValidationIssue[], where: string) =>
  issues.flatMap((issue) => {
    const base = issue.instancePath === '/' ? '' : issue.instancePath;
    const keys = issue.keyword === 'unrecognized_keys' ? (issue.params?.keys as string[] | undefined) : undefined;
    if (keys?.length) return keys.map((key) => ({ field: `${base}/${key}`, in: where, message: 'unknown field' }));
    return [{ field: base || '/', in: where, message: issue.message ?? issue.keyword }];
  });

/**
 * Errors fastify raises itself — parsing the body, the URL, or routing — with a stable code of
 * ours each (never fastify's `FST_ERR_*`, which may change between versions).
 */
const FRAMEWORK_CODES: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Malformed JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Malformed JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', title: 'Body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', title: 'Unsupported media type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length', title: 'Invalid Content-Length' },
  FST_ERR_BAD_URL: { status: 400, code: 'malformed_url', title: 'Malformed URL' },
  FST_ERR_INVALID_URL: { status: 400, code: 'malformed_url', title: 'Malformed URL' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long', title: 'URI too long' },
};

/** Any other client error: a code from its status (`Request Timeout` → `request_timeout`), stable as the status is. */
const codeOfStatus = (status: number): string =>
  (STATUS_CODES[status] ?? 'Bad Request').toLowerCase().replace(/[^a-z0-9]+/g, '_');

export const toProblem = (error: unknown): Problem => {
  if (error instanceof ApplicationError) {
    const { status: fixed, title } = APPLICATION_STATUS[error.code];
    const status = error.code === 'validation_failed' ? validationStatus(error.fields.map((f) => f.in)) : fixed;
    return problem(status, error.code, title, error.message, {
      ...error.extensions,
      ...(error.fields.length ? { errors: [...error.fields] } : {}),
    });
  }
  if (error instanceof DomainError) {
    const { status, title } = DOMAIN_STATUS[error.code];
    const errors = error.fields.length
      ? error.fields.map((f) => ({ field: `/${f}`, in: 'body', message: error.message }))
      : undefined;
    return problem(status, error.code, title, error.message, errors ? { errors } : {});
  }
  if (error instanceof ImportError) {
    // The failing "field" of an NDJSON body is its line: `/3` is the third line.
    const { status, title } = IMPORT_STATUS[error.code];
    return problem(status, error.code, title, error.message, {
      errors: [{ field: `/${error.line}`, in: 'body', message: error.message }],
    });
  }
  if (error instanceof WrongExpectedRevisionError) {
    return problem(
      409,
      'revision_conflict',
      'Revision conflict',
      `${error.streamId} changed while the request was being decided; retry`,
      {
        currentRevision: String(error.actual),
      },
    );
  }
  if (error instanceof DuplicateEventIdError) return problem(409, 'duplicate_event_id', 'Duplicate event id', error.message);
  if (error instanceof StoreUnavailableError || error instanceof StoreClosedError) {
    return problem(503, 'store_unavailable', 'Ledger unavailable', error.message);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = fieldErrors(error.validation as ValidationIssue[], where);
    const status = validationStatus([where]);
    const detail = errors.map((e) => `${where}${e.field === '/' ? '' : e.field}: ${e.message}`).join('; ');
    return problem(status, 'validation_failed', 'Validation failed', detail, { errors });
  }
  if (isResponseSerializationError(error as FastifyError & { method?: string })) {
    return problem(500, 'internal', 'Internal error', 'the response did not match its schema');
  }
  const fe = error as Partial<FastifyError>;
  const known = fe.code ? FRAMEWORK_CODES[fe.code] : undefined;
  if (known) return problem(known.status, known.code, known.title, fe.message ?? known.title);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const title = STATUS_CODES[fe.statusCode] ?? 'Bad Request';
    return problem(fe.statusCode, codeOfStatus(fe.statusCode), title, fe.message || title);
  }
  return problem(500, 'internal', 'Internal error', 'an unexpected error occurred; it has been logged');
};

/**
 * A problem for an error Node raises before the request reaches a route (see `clientErrors.ts`),
 * by Node's error code.
 */
export const clientErrorProblem = (code: string | undefined): Problem => {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return problem(408, 'request_timeout', 'Request timeout', 'the request did not arrive in time; the connection is closed');
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return problem(431, 'headers_too_large', 'Request headers too large', 'the request headers exceed the allowed size');
  }
  return problem(400, 'malformed_request', 'Malformed request', 'the request is not valid HTTP/1.1');
};

export const sendProblem = (reply: FastifyReply, p: Problem) => reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p);

export const problemErrorHandler = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
  const p = { ...toProblem(error), instance: request.url };
  if (p.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: p.code, status: p.status }, 'request rejected');
  if (p.status === 503) void reply.header('retry-after', '1');
  return sendProblem(reply, p);
};

export const notFoundHandler = (request: FastifyRequest, reply: FastifyReply) =>
  sendProblem(reply, {
    ...problem(404, 'route_not_found', 'Not found', `no route ${request.method} ${request.url.split('?')[0]}`),
    instance: request.url,
  });
