import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordClaim } from '../../../domain/claims/commands.js';
import { deciders } from '../../../domain/deciders.js';
import type { DomainError } from '../../../domain/errors.js';
import { streamIdOf } from '../../../domain/ids.js';
import { BatchRejected, executeMany, onStream } from '../../commands/executeMany.js';
import type { AppDeps } from '../../deps.js';
import { HttpProblem } from '../problem.js';
import { WriteResponse } from '../schemas.js';
import { handleWrite, toWriteResponse, type WriteRequest } from '../writes.js';
import { claimIdFor } from './claims.js';
import { writeErrors } from './registryResource.js';

export const MAX_BATCH = 1000;

const BatchBody = z.strictObject({ claims: z.array(RecordClaim).min(1).max(MAX_BATCH) });
type BatchBody = z.infer<typeof BatchBody>;
const BatchResponse = z.object({ claims: z.array(WriteResponse) }).meta({ id: 'ClaimBatchResponse' });

type FieldError = { field: string; in: string; message: string };

const rejected = (errors: FieldError[]) =>
  new HttpProblem(422, 'batch_rejected', 'Batch rejected', `${errors.length} problem(s) in the batch; nothing was written`, {
    errors,
  });

/** Where a refusal points: the claim's id when the id is taken, else the fields the rule names. */
const fieldErrors = (index: number, error: DomainError): FieldError[] => {
  const fields = error.code === 'already_exists' ? ['id'] : error.fields.length ? error.fields : [''];
  return fields.map((f) => ({
    field: `/claims/${index}${f ? `/${f}` : ''}`,
    in: 'body',
    message: `${error.code}: ${error.message}`,
  }));
};

/** Each claim of the batch on its stream (ids given, else derived from the Idempotency-Key, else random). */
const claimsOf = (body: BatchBody, w: WriteRequest, principal: string) =>
  body.claims.map((claim, i) => {
    const id = claimIdFor(claim.id, w, principal, i);
    return { streamId: streamIdOf('claim', id), command: { type: 'RecordClaim' as const, data: { ...claim, id } } };
  });

/**
 * Bulk import, atomic: every claim is decided once, then all are appended in one
 * `appendMulti` — the whole batch is written or none of it, a crash included. A bad claim
 * rejects the batch (422 `batch_rejected`, naming every bad item). When another writer
 * changes one of the claims' streams between decision and append (say, records a claim with
 * one of the batch's ids), the whole batch is decided again on the new state: an identical
 * claim then has nothing to do, a different one rejects the batch naming `/claims/{i}/id`.
 * With an Idempotency-Key a retried batch answers as the first attempt did.
 */
export const recordClaimBatch = (app: FastifyInstance, deps: AppDeps) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/claims/batch',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['claims'],
        summary: `Record up to ${MAX_BATCH} claims at once (bulk import; all or nothing)`,
        body: BatchBody,
        response: { 200: BatchResponse, 201: BatchResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      handleWrite(
        deps,
        request,
        reply,
        async (w) => {
          if (w.ifMatch !== undefined) {
            throw new HttpProblem(
              400,
              'if_match_not_supported',
              'If-Match not supported',
              'a batch writes many streams; If-Match applies to one',
            );
          }
          const claims = claimsOf(request.body, w, request.principal);
          const errors: FieldError[] = [];
          const seen = new Map<string, number>();
          claims.forEach(({ streamId }, i) => {
            const first = seen.get(streamId);
            if (first !== undefined)
              errors.push({ field: `/claims/${i}/id`, in: 'body', message: `same claim id as claims/${first}` });
            seen.set(streamId, i);
          });
          if (errors.length) throw rejected(errors);
          try {
            const outcomes = await executeMany(
              deps.store,
              claims.map(({ streamId, command }) => onStream(streamId, deciders.claim, command)),
              { metadata: w.metadata, eventId: (index, event, i) => w.options(index).eventId(event, i) },
            );
            return { body: { claims: outcomes.map(toWriteResponse) }, created: outcomes.some((o) => o.appended) };
          } catch (error) {
            if (error instanceof BatchRejected)
              throw rejected(error.rejections.flatMap(({ index, error }) => fieldErrors(index, error)));
            throw error;
          }
        },
        (writes, w) => {
          // The first answer, when the first attempt appended to every claim's stream.
          const byStream = new Map(writes.map((write) => [write.streamId, write]));
          const first = claimsOf(request.body, w, request.principal).map(({ streamId }) => byStream.get(streamId));
          return first.every((write) => write !== undefined) ? { claims: first } : undefined;
        },
      ),
  );
};
