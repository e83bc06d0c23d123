import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Decider } from '../../domain/decider.js';
import type { DomainEvent } from '../../domain/events.js';
import { idOfStream } from '../../domain/ids.js';
import { IDEMPOTENCY_KEY, type IdempotentWrite, idempotencyId, REQUEST_HASH } from '../../projections/idempotency.js';
import type { LedgerState } from '../../projections/ledger.js';
import { type ExecuteOptions, execute, type WriteOutcome } from '../commands/execute.js';
import type { IfMatch } from '../commands/ifMatch.js';
import type { EventMetadata, EventStore } from '../eventstore/port.js';
import type { ReadModelFollower } from '../readmodels/follower.js';
import { clientIdsOf } from './clientIds.js';
import { eventIdFor } from './eventIds.js';
import { HttpProblem } from './problem.js';
import type { WriteResponse } from './schemas.js';

export interface WriteDeps {
  readonly store: EventStore;
  readonly follower: ReadModelFollower<LedgerState>;
}

const IDEMPOTENCY_KEY_TEXT = /^[\x21-\x7e]{1,200}$/;

/** `entity-tag = [ W/ ] DQUOTE *etagc DQUOTE`, etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3). */
const ENTITY_TAG = /(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/y;
/** A stream's entity tag is its revision in decimal. */
const REVISION_TAG = /^\d{1,15}$/;

const invalidIfMatch = () =>
  new HttpProblem(
    400,
    'invalid_if_match',
    'Invalid If-Match',
    'If-Match must be * or a comma-separated list of entity tags, e.g. If-Match: "3" (RFC 9110 §13.1.1)',
    { errors: [{ field: '/if-match', in: 'headers', message: 'must be * or a list of entity tags such as "3"' }] },
  );

/**
 * `If-Match` (RFC 9110 §13.1.1) as a precondition, or undefined when absent:
 * `*` → the stream must exist; `"3", "4"` → its revision must be one of them. Strong
 * comparison: a weak tag (`W/"3"`) is well-formed but never matches, and neither does a
 * strong tag that is not a revision — both answer 412, not 400. A header that is not
 * `*` or a list of entity tags (empty elements allowed, §5.6.1) answers 400.
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

const parseIdempotencyKey = (request: FastifyRequest): string | undefined => {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_TEXT.test(header)) {
    throw new HttpProblem(
      400,
      'invalid_idempotency_key',
      'Invalid Idempotency-Key',
      'Idempotency-Key must be 1-200 visible ASCII characters',
      {
        errors: [{ field: '/idempotency-key', in: 'headers', message: 'must be 1-200 visible ASCII characters' }],
      },
    );
  }
  return header;
};

const requestHash = (request: FastifyRequest) =>
  createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)}\n${JSON.stringify(request.body ?? null)}`,
    )
    .digest('base64url');

export const toWriteResponse = (w: { streamId: string; revision: bigint; position: bigint }): WriteResponse => ({
  id: idOfStream(w.streamId),
  streamId: w.streamId,
  revision: Number(w.revision),
  position: w.position.toString(),
});

export interface WriteRequest {
  readonly key: string | undefined;
  readonly ifMatch: IfMatch | undefined;
  /** What every event of this request records (see `EventMetadata` for who supplies each field). */
  readonly metadata: EventMetadata;
  /** Execute options for the n-th stream this request writes to. */
  options(streamIndex: number): ExecuteOptions;
}

/**
 * The write pipeline every POST shares: If-Match, Idempotency-Key, client ids and metadata.
 * When the key was already used by this principal, the first answer is replayed (or 422 when
 * the request differs) without deciding again; otherwise `run` does the writes.
 *
 * Two identical keyed requests can pass the index check together (sent at the same moment,
 * or to two replicas). Their events carry ids derived from the key, so when both decide on
 * the same state the store keeps one append and answers the other as its retry. When one
 * decides only after its twin landed, its decision differs (nothing to do, or a rule
 * conflict such as "already retracted"): before answering that, the index is read again at
 * the new head, and a first answer for the same request found there is replayed instead.
 */
export const handleWrite = async <T>(
  deps: WriteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  run: (write: WriteRequest) => Promise<{ body: T; created: boolean; etag?: bigint }>,
  /**
   * The first answer, rebuilt from the index of what the key's request appended, or undefined
   * when it cannot be (the request then runs again: its deterministic ids make that safe).
   * Omit it for writes that always run again.
   */
  replay?: (writes: WriteResponse[], write: WriteRequest) => T | undefined,
): Promise<T> => {
  const ifMatch = parseIfMatch(request);
  const key = parseIdempotencyKey(request);
  const { clientRequestId, correlationId } = clientIdsOf(request);
  const hash = key ? requestHash(request) : undefined;
  // request.id is the server's own UUID (app.ts never takes it from a header): the cause it records is a fact.
  const metadata: EventMetadata = {
    principal: request.principal,
    correlationId: correlationId ?? request.id,
    causationId: request.id,
    ...(clientRequestId !== undefined ? { clientRequestId } : {}),
    ...(key ? { [IDEMPOTENCY_KEY]: key, [REQUEST_HASH]: hash } : {}),
  };
  const write: WriteRequest = {
    key,
    ifMatch,
    metadata,
    options: (streamIndex: number): ExecuteOptions => ({
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      metadata,
      eventId: (event: DomainEvent, i: number) =>
        key
          ? eventIdFor.fromKey([request.principal, key, String(streamIndex), String(i)])
          : (eventIdFor.natural(event) ?? randomUUID()),
    }),
  };
  /** The index's record of this key once it reflects the head of the log. */
  const recordOfKey = async () => {
    if (!key) return undefined;
    // The index is a fold of the log: let it reach the head so a retry sees the first write.
    await deps.follower.waitFor(await deps.store.headPosition(), 5_000);
    return deps.follower.state.idempotency.get(idempotencyId(request.principal, key));
  };
  /** The first answer rebuilt from the index, marked as replayed; undefined when it cannot be rebuilt. */
  const replayFirst = (writes: readonly IdempotentWrite[]): T | undefined => {
    const first = replay?.(writes.map(toWriteResponse), write);
    if (first === undefined) return undefined;
    void reply.header('idempotent-replayed', 'true');
    void reply.code(201);
    return first;
  };
  let replayed = false;
  const record = await recordOfKey();
  if (record) {
    if (record.requestHash !== hash) {
      throw new HttpProblem(
        422,
        'idempotency_key_reused',
        'Idempotency-Key reused',
        'this Idempotency-Key was already used for a different request; use a new key for a new request',
      );
    }
    const first = replayFirst(record.writes);
    if (first !== undefined) return first;
    void reply.header('idempotent-replayed', 'true');
    replayed = true;
  }
  /** A twin request with the same key that landed while this one decided: its answer, if any. */
  const twinAnswer = async (): Promise<T | undefined> => {
    if (!key || !replay || replayed) return undefined;
    const landed = await recordOfKey().catch(() => undefined);
    return landed !== undefined && landed.requestHash === hash ? replayFirst(landed.writes) : undefined;
  };
  let outcome: Awaited<ReturnType<typeof run>>;
  try {
    outcome = await run(write);
  } catch (error) {
    const twin = await twinAnswer();
    if (twin === undefined) throw error;
    request.log.info({ principal: request.principal }, 'write refused, but its twin with the same key landed: replayed');
    return twin;
  }
  const { body, created, etag } = outcome;
  if (!created) {
    const twin = await twinAnswer();
    if (twin !== undefined) {
      request.log.info({ principal: request.principal }, 'nothing to append, as its twin with the same key landed: replayed');
      return twin;
    }
  }
  request.log.info(
    { created, replayed, principal: request.principal },
    created ? 'write appended' : 'write had nothing to append',
  );
  if (etag !== undefined) void reply.header('etag', `"${etag}"`);
  void reply.code(created || replayed ? 201 : 200);
  return body;
};

export const single = (outcome: WriteOutcome) => ({
  body: toWriteResponse(outcome),
  created: outcome.appended,
  etag: outcome.revision,
});

/** The whole of a write to one stream: the pipeline above around one decision. */
export const writeOne = <Command, State>(
  deps: WriteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  decider: Decider<Command, State>,
  streamId: string,
  command: Command,
) =>
  handleWrite(
    deps,
    request,
    reply,
    async (w) => single(await execute(deps.store, decider, streamId, command, w.options(0))),
    (writes) => writes[0]!,
  );
