import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CorrectClaim, CorroborateClaim, DisputeClaim, RecordClaim, RetractClaim } from '../../../domain/claims/commands.js';
import { ClaimProvenance, DatasetProvenance } from '../../../domain/claims/provenance.js';
import { ClaimBody } from '../../../domain/events.js';
import { idOfStream } from '../../../domain/ids.js';
import { DatasetName } from '../../../domain/vocabulary.js';
import { EVERYTHING } from '../../../projections/control/knowledge.js';
import { type ClaimFollowUp, followUpClaim } from '../../commands/claimFollowUps.js';
import { recordClaim } from '../../commands/recordClaim.js';
import type { AppDeps } from '../../deps.js';
import { type ClaimAsRecorded, claimAsRecorded } from '../../queries/claim.js';
import { claimByExternalId } from '../../queries/claimByExternalId.js';
import { resolveKnowledge } from '../../queries/knowledge.js';
import { KnowledgeQuery, knowledgeParamsOf } from '../knowledgeParams.js';
import { ProblemSchema } from '../problem.js';
import { ReadQuery, readAt } from '../reads.js';
import { IdParams, WriteResponse } from '../schemas.js';
import { writeContextOf } from '../writeContext.js';
import { writeErrors } from '../writeErrors.js';
import { replyToWrite, toWriteResponse } from '../writeReply.js';

const Known = { recordedAt: z.string(), position: z.string(), principal: z.string() };
const ClaimOut = z
  .object({
    id: z.string(),
    streamId: z.string(),
    revision: z.number().int(),
    articleId: z.string(),
    kind: z.string(),
    status: z.enum(['standing', 'retracted']),
    provenance: ClaimProvenance.optional().describe(
      'Where the claim came from: a suggestion accepted, or a dataset row (dataset, release, externalId).',
    ),
    current: ClaimBody.describe('The claim as it reads now, every correction applied.'),
    recorded: ClaimBody.extend(Known).describe('The claim as first recorded, and when.'),
    corrections: z.array(
      z.object({
        reason: z.string(),
        articleId: z.string().optional(),
        corrected: ClaimBody,
        provenance: DatasetProvenance.optional().describe('The dataset release that brought the correction.'),
        ...Known,
      }),
    ),
    corroborations: z.array(
      z.object({ articleId: z.string(), credibility: z.number().optional(), note: z.string().optional(), ...Known }),
    ),
    disputes: z.array(z.object({ articleId: z.string().optional(), reason: z.string(), ...Known })),
    retraction: z
      .object({
        reason: z.string(),
        provenance: DatasetProvenance.optional().describe('The dataset release that withdrew the row.'),
        ...Known,
      })
      .nullable(),
  })
  .meta({ id: 'Claim' });

const stringPosition = <T extends { position: bigint }>(x: T) => ({ ...x, position: x.position.toString() });

/** A claim with its whole history, as the API shows it. */
const claimOut = ({ streamId, revision, history }: ClaimAsRecorded) => ({
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
});

const ExternalIdParams = z.strictObject({
  dataset: DatasetName.describe('ucdp-ged or acled.'),
  externalId: z.string().min(1).max(100).describe('The dataset’s own event id (UCDP id, ACLED event_id_cnty).'),
});

/** Where a claim is read: what a 201 to a claim write points at. */
const claimLocation = (w: { streamId: string }) => `/v1/claims/${idOfStream(w.streamId)}`;

const followUps: { path: string; type: ClaimFollowUp['type']; body: z.ZodType; summary: string }[] = [
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
    async (request, reply) => {
      const result = await recordClaim(deps, writeContextOf(request), request.body);
      return replyToWrite(request, reply, result, toWriteResponse, claimLocation);
    },
  );

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
        const command = { type: f.type, data: { ...(request.body as object), id: request.params.id } } as ClaimFollowUp;
        const result = await followUpClaim(deps, writeContextOf(request), command);
        return replyToWrite(request, reply, result, toWriteResponse, claimLocation);
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
        description:
          'Read from the claim stream itself, so it always includes the latest write. With `asOf` or `knownAt`, the ' +
          'claim as the ledger knew it then: the corrections, corroborations, disputes and retraction recorded by ' +
          'then (e.g. what a dataset release said before the next one corrected it); not yet recorded then: 404.',
        params: IdParams,
        querystring: z.strictObject({ ...ReadQuery, ...KnowledgeQuery }),
        response: { 200: ClaimOut, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await readAt(deps, reply, request.query.minPosition);
      const { asOf, knownAt } = request.query;
      const cutoff =
        asOf !== undefined || knownAt !== undefined
          ? (await resolveKnowledge(deps, knowledgeParamsOf({ asOf, knownAt }))).cutoff
          : EVERYTHING;
      const claim = await claimAsRecorded(deps, request.params.id, cutoff);
      void reply.header('etag', `"${claim.revision}"`);
      return claimOut(claim);
    },
  );

  app.get(
    '/v1/claims/external/:dataset/:externalId',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['claims'],
        summary: 'The claim a dataset row made, by the dataset’s own event id',
        description:
          'One external id is one claim, ever: its id is fixed, `{dataset}-{slug(externalId)}` (UCDP id 300380 → ' +
          'ucdp-ged-300380). Answers the claim with its whole history, as GET /v1/claims/{id} does; 404 `not_found` ' +
          'when the dataset never brought that row.',
        params: ExternalIdParams,
        querystring: z.strictObject(ReadQuery),
        response: { 200: ClaimOut, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await readAt(deps, reply, request.query.minPosition);
      const claim = await claimByExternalId(deps, request.params.dataset, request.params.externalId);
      void reply.header('etag', `"${claim.revision}"`);
      return claimOut(claim);
    },
  );
};
