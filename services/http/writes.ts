import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Decider } from '../../domain/decider.js';
import type { DomainEvent } from '../../domain/events.js';
import { idOfStream } from '../../domain/ids.js';
import { IDEMPOTENCY_KEY, type IdempotentWrite, idempotencyId, REQUEST_HASH } from '../../projections/idempotency.js';
import type { LedgerState } from '../../projections/ledger.js';
import { type ExecuteOptions, execute, type WriteOutcome } from '../commands/execute.js';
import type { EventStore } from '../eventstore/port.js';
import type { ReadModelFollower } from '../readmodels/follower.js';
import { eventIdFor } from './eventIds.js';
import { HttpProblem } from './problem.js';
import type { WriteResponse } from './schemas.js';

export interface WriteDeps {
  readonly store: EventStore;
  readonly follower: ReadModelFollower<LedgerState>;
}

const IF_MATCH = /^"(\d{1,15})"$/;
const IDEMPOTENCY_KEY_TEXT = /^[\x21-\x7e]{1,200}$/;

/** `If-Match: "<revision>"` as an expected revision, or undefined when absent. */
export const parseIfMatch = (request: FastifyRequest): bigint | undefined => {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? IF_MATCH.exec(header.trim()) : null;
  if (!match) {
    throw new HttpProblem(
      400,
      'invalid_if_match',
      'Invalid If-Match',
      'If-Match must be a stream revision in quotes, e.g. If-Match: "3"',
      {
        errors: [{ field: '/if-match', in: 'headers', message: 'must be "<revision>"' }],
      },
    );
  }
  return BigInt(match[1]!);
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
  readonly ifMatch: bigint | undefined;
  /** Execute options for the n-th stream this request writes to. */
  options(streamIndex: number): ExecuteOptions;
}

/**
 * The write pipeline every POST shares: If-Match, Idempotency-Key and metadata. When the key
 * was already used by this principal, the first answer is replayed (or 422 when the request
 * differs) without deciding again; otherwise `run` does the writes.
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
   * The first answer, rebuilt from the index. Omit it for writes that are safe to run again
   * (a batch: its deterministic ids make a re-run complete an interrupted first attempt).
   */
  replay?: (writes: WriteResponse[]) => T,
): Promise<T> => {
  const ifMatch = parseIfMatch(request);
  const key = parseIdempotencyKey(request);
  const hash = key ? requestHash(request) : undefined;
  /** The index's record of this key once it reflects the head of the log. */
  const recordOfKey = async () => {
    if (!key) return undefined;
    // The index is a fold of the log: let it reach the head so a retry sees the first write.
    await deps.follower.waitFor(await deps.store.headPosition(), 5_000);
    return deps.follower.state.idempotency.get(idempotencyId(request.principal, key));
  };
  const replayFirst = (writes: IdempotentWrite[]): T => {
    void reply.header('idempotent-replayed', 'true');
    void reply.code(201);
    return replay!(writes.map(toWriteResponse));
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
    if (replay) return replayFirst(record.writes);
    void reply.header('idempotent-replayed', 'true');
    replayed = true;
  }
  /** A twin request with the same key that landed while this one decided: its answer, if any. */
  const twinAnswer = async (): Promise<IdempotentWrite[] | undefined> => {
    if (!key || !replay || replayed) return undefined;
    const landed = await recordOfKey().catch(() => undefined);
    return landed?.requestHash === hash ? landed?.writes : undefined;
  };
  const correlationId =
    typeof request.headers['x-correlation-id'] === 'string' ? request.headers['x-correlation-id'] : request.id;
  const metadata = {
    principal: request.principal,
    correlationId,
    causationId: request.id,
    ...(key ? { [IDEMPOTENCY_KEY]: key, [REQUEST_HASH]: hash } : {}),
  };
  const options = (streamIndex: number): ExecuteOptions => ({
    ...(ifMatch !== undefined ? { ifMatch } : {}),
    metadata,
    eventId: (event: DomainEvent, i: number) =>
      key
        ? eventIdFor.fromKey([request.principal, key, String(streamIndex), String(i)])
        : (eventIdFor.natural(event) ?? randomUUID()),
  });
  let outcome: Awaited<ReturnType<typeof run>>;
  try {
    outcome = await run({ key, ifMatch, options });
  } catch (error) {
    const twin = await twinAnswer();
    if (!twin) throw error;
    request.log.info({ principal: request.principal }, 'write refused, but its twin with the same key landed: replayed');
    return replayFirst(twin);
  }
  const { body, created, etag } = outcome;
  if (!created) {
    const twin = await twinAnswer();
    if (twin) {
      request.log.info({ principal: request.principal }, 'nothing to append, as its twin with the same key landed: replayed');
      return replayFirst(twin);
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
