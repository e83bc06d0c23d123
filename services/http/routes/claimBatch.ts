import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordClaim } from '../../../domain/claims/commands.js';
import { deciders } from '../../../domain/deciders.js';
import { DomainError } from '../../../domain/errors.js';
import { streamIdOf } from '../../../domain/ids.js';
import { decideOn, execute } from '../../commands/execute.js';
import type { AppDeps } from '../../deps.js';
import { HttpProblem } from '../problem.js';
import { WriteResponse } from '../schemas.js';
import { handleWrite, toWriteResponse } from '../writes.js';
import { claimIdFor } from './claims.js';
import { writeErrors } from './registryResource.js';

export const MAX_BATCH = 1000;

const BatchBody = z.strictObject({ claims: z.array(RecordClaim).min(1).max(MAX_BATCH) });
const BatchResponse = z.object({ claims: z.array(WriteResponse) }).meta({ id: 'ClaimBatchResponse' });

/**
 * Bulk import. Every claim is checked before any is written, so a bad batch changes
 * nothing; then each claim is appended to its own stream. With an Idempotency-Key a batch
 * interrupted half-way (a crash, a timeout) is completed by retrying it: the claims already
 * written are recognised and not duplicated.
 */
export const recordClaimBatch = (app: FastifyInstance, deps: AppDeps) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/claims/batch',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['claims'],
        summary: `Record up to ${MAX_BATCH} claims (bulk import)`,
        body: BatchBody,
        response: { 200: BatchResponse, 201: BatchResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      handleWrite(deps, request, reply, async (w) => {
        if (w.ifMatch !== undefined) {
          throw new HttpProblem(
            400,
            'if_match_not_supported',
            'If-Match not supported',
            'a batch writes many streams; If-Match applies to one',
          );
        }
        const commands = request.body.claims.map((claim, i) => {
          const id = claimIdFor(claim.id, w, request.principal, i);
          return { streamId: streamIdOf('claim', id), command: { type: 'RecordClaim' as const, data: { ...claim, id } } };
        });
        const errors: { field: string; in: string; message: string }[] = [];
        const seen = new Map<string, number>();
        commands.forEach(({ streamId }, i) => {
          const first = seen.get(streamId);
          if (first !== undefined)
            errors.push({ field: `/claims/${i}/id`, in: 'body', message: `same claim id as claims/${first}` });
          seen.set(streamId, i);
        });
        const decisions = await Promise.allSettled(
          commands.map((c) => decideOn(deps.store, deciders.claim, c.streamId, c.command)),
        );
        decisions.forEach((d, i) => {
          if (d.status === 'fulfilled') return;
          if (!(d.reason instanceof DomainError)) throw d.reason;
          const fields = d.reason.fields.length ? d.reason.fields : [''];
          for (const f of fields)
            errors.push({
              field: `/claims/${i}${f ? `/${f}` : ''}`,
              in: 'body',
              message: `${d.reason.code}: ${d.reason.message}`,
            });
        });
        if (errors.length) {
          throw new HttpProblem(
            422,
            'batch_rejected',
            'Batch rejected',
            `${errors.length} problem(s) in the batch; nothing was written`,
            { errors },
          );
        }
        const outcomes = [];
        for (const [i, c] of commands.entries())
          outcomes.push(await execute(deps.store, deciders.claim, c.streamId, c.command, w.options(i)));
        return { body: { claims: outcomes.map(toWriteResponse) }, created: outcomes.some((o) => o.appended) };
      }),
  );
};
