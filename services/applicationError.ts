/**
 * Errors of the application layer (`services/commands/`, `services/queries/` and the edges
 * that call them): a stable string code, a message that is also the problem's `detail`, the
 * failing fields, and no HTTP status — `services/http/problem.ts` alone maps codes to
 * statuses, as it does for the domain's `DomainError` codes. Codes appear in problem
 * responses, so they are public API: never renamed.
 */
export type ApplicationErrorCode =
  /** No credentials, or a token no one was given (RFC 6750 §3: the answer carries `WWW-Authenticate`). */
  | 'unauthenticated'
  /** The principal's role is below the one the operation needs. */
  | 'forbidden'
  /** A request part refused by a rule its schema cannot state (e.g. a range's end below its start). */
  | 'validation_failed'
  /** A registry entity, claim or place named by the request does not exist. */
  | 'not_found'
  /** The stream named by the request has no events. */
  | 'stream_not_found'
  /** A log position the store has not given out yet (beyond the head). */
  | 'position_beyond_head'
  /** A stream revision beyond the one it writes next. */
  | 'revision_beyond_end'
  /** The read models did not reach a position given out, within the wait. */
  | 'not_caught_up'
  /** The request body stopped arriving before it was complete. */
  | 'request_timeout'
  /** The map page's assets have not been built on this installation. */
  | 'page_not_built'
  /** A paging cursor this API did not give out, or one asked with another knowledge cutoff. */
  | 'invalid_cursor'
  /** A range whose start is after its end. */
  | 'invalid_range'
  /** `If-Match` named a revision the stream is not at (RFC 9110 §13.1.1). */
  | 'precondition_failed'
  /** `If-Match` is not a list of strong entity tags or `*`. */
  | 'invalid_if_match'
  /** `If-Match` on a write that changes several streams. */
  | 'if_match_not_supported'
  /** `Idempotency-Key` is not 1–200 visible ASCII characters. */
  | 'invalid_idempotency_key'
  /** `X-Request-ID` is not 1–200 visible ASCII characters. */
  | 'invalid_request_id'
  /** `X-Correlation-ID` is not 1–200 visible ASCII characters. */
  | 'invalid_correlation_id'
  /** The same `Idempotency-Key` was used for another request. */
  | 'idempotency_key_reused'
  /** A batch has problems; nothing of it was written. */
  | 'batch_rejected'
  /** A header value that is not of the form its definition requires. */
  | 'invalid_header'
  /** The request body is not of a media type the operation accepts. */
  | 'unsupported_media_type'
  /** No webhook has the id named. */
  | 'webhook_not_found'
  /** The webhook has no parked delivery at the position named. */
  | 'parked_delivery_not_found'
  /** A webhook URL outside the allowlist, or not http(s). */
  | 'url_not_allowed'
  /** Webhook delivery is shutting down with the service: retry against a running one. */
  | 'webhooks_stopped'
  /** A dataset file that cannot be imported at all: not CSV, or without a column its format needs. */
  | 'invalid_dataset';

/** One failing field: a JSON Pointer into the request part named by `in`. */
export interface FieldError {
  readonly field: string;
  readonly in: 'body' | 'querystring' | 'headers' | 'params';
  readonly message: string;
}

/** Extension members a problem may carry besides `errors`. */
export interface ProblemExtensions {
  /** For revision conflicts: the stream's revision now, as decimal text. */
  readonly currentRevision?: string;
  /** For positions beyond the head: the head, as decimal text. */
  readonly head?: string;
}

export class ApplicationError extends Error {
  override readonly name = 'ApplicationError';
  constructor(
    readonly code: ApplicationErrorCode,
    /** What went wrong and what to do about it; the problem's `detail`. */
    message: string,
    readonly fields: readonly FieldError[] = [],
    readonly extensions: ProblemExtensions = {},
  ) {
    super(message);
  }
}
