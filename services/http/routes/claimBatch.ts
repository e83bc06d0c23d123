import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordClaim } from '../../../domain/claims/commands.js';
import { MAX_BATCH, recordClaimBatch } from '../../commands/recordClaimBatch.js';
import type { AppDeps } from '../../deps.js';
import { WriteResponse } from '../schemas.js';
import { writeContextOf } from '../writeContext.js';
import { writeErrors } from '../writeErrors.js';
import { replyToWrite, toWriteResponse } from '../writeReply.js';

const BatchBody = z.strictObject({ claims: z.array(RecordClaim).min(1).max(MAX_BATCH) });
const BatchResponse = z.object({ claims: z.array(WriteResponse) }).meta({ id: 'ClaimBatchResponse' });

/**
 * Bulk import, atomic: the whole batch is written or none of it (`recordClaimBatch`). A bad
 * claim rejects the batch (422 `batch_rejected`, naming every bad item); with an
 * Idempotency-Key a retried batch answers as the first attempt did.
 */
export const claimBatchRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
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
    async (request, reply) => {
      const result = await recordClaimBatch(deps, writeContextOf(request), request.body.claims);
      return replyToWrite(request, reply, result, (writes) => ({ claims: writes.map(toWriteResponse) }));
    },
  );
};
