import { IDEMPOTENCY_KEY, REQUEST_HASH } from '../../projections/idempotency.js';
import type { EventMetadata } from '../eventstore/port.js';
import type { IfMatch } from './ifMatch.js';

/** An `Idempotency-Key` and the hash of the request it came with (draft-ietf-httpapi-idempotency-key-header). */
export interface IdempotencyKey {
  /** The client's key: 1–200 visible ASCII characters, scoped to the principal. */
  readonly key: string;
  /** A digest of what the request asks (method, route, parameters, body): a retry must match it. */
  readonly requestHash: string;
}

/**
 * Everything about a write that is not its command, as plain data: who writes, the
 * preconditions and idempotency it asks for, and the ids its events record. The HTTP layer
 * builds it from the request's headers (`services/http/writeContext.ts`); the CLI and loaders
 * build their own. See `EventMetadata` for who supplies each id and why.
 */
export interface WriteContext {
  /** Server: the authenticated principal. Recorded on every event; scopes Idempotency-Keys. */
  readonly principal: string;
  /** Server: the id of what caused the write (for HTTP, the server's own request id). */
  readonly causationId: string;
  /** Client or server: the workflow the write belongs to. */
  readonly correlationId: string;
  /** Client: its own id for the request, kept beside the server's. */
  readonly clientRequestId?: string;
  /** With a key, a retry answers as the first attempt did (`idempotentWrite.ts`). */
  readonly idempotency?: IdempotencyKey;
  /** `If-Match` (RFC 9110 §13.1.1): a precondition on the one stream the write changes. */
  readonly ifMatch?: IfMatch;
}

/** What every event of a write records: the ids above, and the idempotency key with the request hash. */
export const metadataOf = (write: WriteContext): EventMetadata => ({
  principal: write.principal,
  correlationId: write.correlationId,
  causationId: write.causationId,
  ...(write.clientRequestId !== undefined ? { clientRequestId: write.clientRequestId } : {}),
  ...(write.idempotency ? { [IDEMPOTENCY_KEY]: write.idempotency.key, [REQUEST_HASH]: write.idempotency.requestHash } : {}),
});
