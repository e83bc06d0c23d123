import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, type DomainErrorCode } from '../../domain/errors.js';
import {
  DuplicateEventIdError,
  StoreClosedError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../eventstore/errors.js';

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
    currentRevision: z.string().optional().describe('For 412 and 409 revision conflicts: the stream revision now.'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An error a route raises on purpose, carrying its status and code. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extra: Partial<Problem> = {},
  ) {
    super(detail);
  }
}

const DOMAIN_STATUS: Record<DomainErrorCode, { status: number; title: string }> = {
  already_exists: { status: 409, title: 'Already exists' },
  not_found: { status: 404, title: 'Not found' },
  unknown_reference: { status: 422, title: 'Unknown reference' },
  invalid_command: { status: 422, title: 'Invalid command' },
  claim_retracted: { status: 409, title: 'Claim retracted' },
  place_cycle: { status: 422, title: 'Place tree cycle' },
};

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

const BAD_BODY_CODES: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Malformed JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Malformed JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', title: 'Body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', title: 'Unsupported media type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length', title: 'Invalid Content-Length' },
};

export const toProblem = (error: unknown): Problem => {
  if (error instanceof HttpProblem) return problem(error.status, error.code, error.title, error.message, error.extra);
  if (error instanceof DomainError) {
    const { status, title } = DOMAIN_STATUS[error.code];
    const errors = error.fields.length
      ? error.fields.map((f) => ({ field: `/${f}`, in: 'body', message: error.message }))
      : undefined;
    return problem(status, error.code, title, error.message, errors ? { errors } : {});
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
    const status = where === 'body' ? 422 : 400;
    const detail = errors.map((e) => `${where}${e.field === '/' ? '' : e.field}: ${e.message}`).join('; ');
    return problem(status, 'validation_failed', 'Validation failed', detail, { errors });
  }
  if (isResponseSerializationError(error as FastifyError & { method?: string })) {
    return problem(500, 'internal', 'Internal error', 'the response did not match its schema');
  }
  const fe = error as Partial<FastifyError>;
  const known = fe.code ? BAD_BODY_CODES[fe.code] : undefined;
  if (known) return problem(known.status, known.code, known.title, fe.message ?? known.title);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return problem(fe.statusCode, (fe.code ?? 'bad_request').toLowerCase(), 'Bad request', fe.message ?? 'bad request');
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
