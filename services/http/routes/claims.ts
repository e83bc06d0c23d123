import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ClaimCommand } from '../../../domain/claims/commands.js';
import { CorrectClaim, CorroborateClaim, DisputeClaim, RecordClaim, RetractClaim } from '../../../domain/claims/commands.js';
import { ClaimProvenance } from '../../../domain/claims/provenance.js';
import { deciders } from '../../../domain/deciders.js';
import { ClaimBody, decodeEvent } from '../../../domain/events.js';
import { streamIdOf } from '../../../domain/ids.js';
import { claimHistory } from '../../../projections/claimHistory.js';
import type { Envelope } from '../../../projections/envelope.js';
import { execute } from '../../commands/execute.js';
import type { AppDeps } from '../../deps.js';
import { StreamNotFoundError } from '../../eventstore/errors.js';
import { eventIdFor } from '../eventIds.js';
import { HttpProblem, ProblemSchema } from '../problem.js';
import { ReadQuery, readAt } from '../reads.js';
import { IdParams, WriteResponse } from '../schemas.js';
import { handleWrite, single, type WriteRequest, writeOne } from '../writes.js';
import { recordClaimBatch } from './claimBatch.js';
import { writeErrors } from './registryResource.js';

/** A claim id: the client's, else derived from the Idempotency-Key (so a retry names the same claim), else random. */
export const claimIdFor = (given: string | undefined, write: WriteRequest, principal: string, index: number): string =>
  given ?? (write.key ? eventIdFor.fromKey(['claim-id', principal, write.key, String(index)]) : randomUUID());

const Known = { recordedAt: z.string(), position: z.string(), principal: z.string() };
const ClaimOut = z
  .object({
    id: z.string(),
    streamId: z.string(),
    revision: z.number().int(),
    articleId: z.string(),
    kind: z.string(),
    status: z.enum(['standing', 'retracted']),
    provenance: ClaimProvenance.optional().describe('Where the claim came from, when it was accepted from a suggestion.'),
    current: ClaimBody.describe('The claim as it reads now, every correction applied.'),
    recorded: ClaimBody.extend(Known).describe('The claim as first recorded, and when.'),
    corrections: z.array(z.object({ reason: z.string(), articleId: z.string().optional(), corrected: ClaimBody, ...Known })),
    corroborations: z.array(
      z.object({ articleId: z.string(), credibility: z.number().optional(), note: z.string().optional(), ...Known }),
    ),
    disputes: z.array(z.object({ articleId: z.string().optional(), reason: z.string(), ...Known })),
    retraction: z.object({ reason: z.string(), ...Known }).nullable(),
  })
  .meta({ id: 'Claim' });

const stringPosition = <T extends { position: bigint }>(x: T) => ({ ...x, position: x.position.toString() });

type FollowUp = Exclude<ClaimCommand['type'], 'RecordClaim'>;
const followUps: { path: string; type: FollowUp; body: z.ZodType; summary: string }[] = [
  {
    path: 'corrections',
    type: 'CorrectClaim',
    body: CorrectClaim,
    summary: 'Correct a claim (appends; the original stays readable)',
  },
  {
    path: 'corroborations',
    type: 'CorroborateClaim',
    body: CorroborateClaim,
    summary: 'Record that another article corroborates a claim',
  },
  { path: 'disputes', type: 'DisputeClaim', body: DisputeClaim, summary: 'Record that a claim is disputed' },
  { path: 'retractions', type: 'RetractClaim', body: RetractClaim, summary: 'Retract a claim (appends; history keeps it)' },
];

export const claimRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
    '/v1/claims',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['claims'],
        summary: 'Record a claim an article makes',
        body: RecordClaim,
        response: { 200: WriteResponse, 201: WriteResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      handleWrite(
        deps,
        request,
        reply,
        async (w) => {
          const id = claimIdFor(request.body.id, w, request.principal, 0);
          const command = { type: 'RecordClaim' as const, data: { ...request.body, id } };
          return single(await execute(deps.store, deciders.claim, streamIdOf('claim', id), command, w.options(0)));
        },
        (writes) => writes[0]!,
      ),
  );

  recordClaimBatch(app, deps);

  for (const f of followUps) {
    app.post(
      `/v1/claims/:id/${f.path}`,
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['claims'],
          summary: f.summary,
          params: IdParams,
          body: f.body,
          response: { 200: WriteResponse, 201: WriteResponse, ...writeErrors },
        },
      },
      async (request, reply) => {
        const command = { type: f.type, data: { ...(request.body as object), id: request.params.id } } as ClaimCommand;
        return writeOne(deps, request, reply, deciders.claim, streamIdOf('claim', request.params.id), command);
      },
    );
  }

  app.get(
    '/v1/claims/:id',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['claims'],
        summary: 'One claim with its whole history',
        description: 'Read from the claim stream itself, so it always includes the latest write.',
        params: IdParams,
        querystring: z.strictObject(ReadQuery),
        response: { 200: ClaimOut, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await readAt(deps, reply, request.query.minPosition);
      const streamId = streamIdOf('claim', request.params.id);
      const notFound = new HttpProblem(404, 'not_found', 'Not found', `no claim ${request.params.id}`);
      const recorded = await deps.store.readStream(streamId).catch((error: unknown) => {
        throw error instanceof StreamNotFoundError ? notFound : error;
      });
      const envelopes: Envelope[] = recorded.flatMap((e) => {
        const decoded = decodeEvent(e.type, e.schemaVersion, e.data);
        return decoded.ok ? [{ ...e, principal: e.metadata.principal, event: decoded.event }] : [];
      });
      const history = claimHistory(envelopes);
      if (!history) throw notFound;
      const revision = recorded.at(-1)!.revision;
      void reply.header('etag', `"${revision}"`);
      return {
        id: history.id,
        streamId,
        revision: Number(revision),
        articleId: history.articleId,
        kind: history.kind,
        ...(history.provenance ? { provenance: history.provenance } : {}),
        status: history.retraction ? ('retracted' as const) : ('standing' as const),
        current: history.current,
        recorded: stringPosition(history.recorded),
        corrections: history.corrections.map(stringPosition),
        corroborations: history.corroborations.map(stringPosition),
        disputes: history.disputes.map(stringPosition),
        retraction: history.retraction ? stringPosition(history.retraction) : null,
      };
    },
  );
};
