import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { queryPosition, requireIssued } from '../../queries/positions.js';
import type { ReplayReport, WebhookStatus } from '../../webhooks/dispatcher.js';
import { secretProblem } from '../../webhooks/secret.js';
import { ProblemSchema } from '../problem.js';
import { PositionText } from '../schemas.js';

/**
 * Webhooks, administered by admins: registrations and delivery state are operator
 * configuration kept beside the ledger, never ledger events. A secret is shown once, in
 * the answer to its registration.
 */

const Filter = z
  .strictObject({
    categories: z.array(z.string().min(1).max(100)).min(1).max(100).optional().describe('Stream categories, e.g. claim, place.'),
    types: z.array(z.string().min(1).max(200)).min(1).max(100).optional().describe('Event types, e.g. ClaimRecorded.'),
  })
  .describe('Deliver only events matching every part given. Absent: every event.');

const Secret = z
  .string()
  .max(200)
  .superRefine((secret, ctx) => {
    const problem = secretProblem(secret);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('Standard Webhooks secret: whsec_ and the base64 of 24–64 random bytes. Generated when absent.');

const RegisterBody = z.strictObject({
  url: z
    .string()
    .min(1)
    .max(2048)
    .describe('http(s) URL; its host must be in the allowlist (SIJILL_WEBHOOK_ALLOW; default loopback only).'),
  filter: Filter.optional(),
  secret: Secret.optional(),
  description: z.string().max(500).optional(),
  from: z
    .union([z.enum(['head', 'start']), PositionText])
    .default('head')
    .describe(
      'Deliver events after the current head (default), from the start of the log, or after a position — at most ' +
        'the head; beyond it, `400 position_beyond_head` naming the head, since events written later at or below ' +
        'it would never be delivered.',
    ),
});

const WebhookOut = z
  .object({
    id: z.string(),
    url: z.string(),
    filter: z.object({ categories: z.array(z.string()).optional(), types: z.array(z.string()).optional() }).nullable(),
    description: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    checkpoint: PositionText.describe('The last position delivered or parked; deliveries resume after it.'),
    status: z.object({
      state: z
        .enum(['delivering', 'retrying', 'waiting', 'stopped'])
        .describe('waiting: caught up with the log (or between deliveries).'),
      parked: z.number().int().describe('Parked deliveries (see /parked).'),
      consecutiveFailures: z.number().int().describe('Failed attempts since the last success.'),
      pendingPosition: PositionText.nullable().describe('The event being retried, if any.'),
      pendingAttempts: z.number().int().describe('Failed attempts at the pending event so far.'),
      lastError: z.string().nullable(),
      lastErrorAt: z.string().nullable(),
      nextAttemptAt: z.string().nullable(),
      lastDeliveredAt: z.string().nullable(),
    }),
  })
  .meta({ id: 'Webhook' });

const CreatedWebhook = WebhookOut.extend({
  secret: z.string().describe('The signing secret. Shown only here: store it now.'),
}).meta({ id: 'CreatedWebhook' });

const WebhookParams = z.strictObject({ id: z.string().min(1).max(120) });

const ParkedOut = z
  .object({
    position: PositionText,
    eventId: z.string().describe('Also the webhook-id header of the delivery.'),
    type: z.string(),
    attempts: z.number().int(),
    lastError: z.string(),
    parkedAt: z.string(),
  })
  .meta({ id: 'ParkedDelivery' });

const ParkedPage = z
  .object({
    parked: z.array(ParkedOut),
    total: z.number().int(),
    next: PositionText.nullable().describe('Pass as `after` for the next page; null at the end.'),
  })
  .meta({ id: 'ParkedPage' });

const ReplayOut = z
  .object({
    delivered: z.array(PositionText).describe('Positions delivered and removed from the parked list.'),
    failed: z
      .object({ position: PositionText, error: z.string() })
      .nullable()
      .describe('The replay that failed; replay stops there and the delivery stays parked.'),
    remaining: z.number().int().describe('Parked deliveries left.'),
  })
  .meta({ id: 'ReplayReport' });

const toOut = ({ webhook, delivery }: WebhookStatus) => ({
  id: webhook.id,
  url: webhook.url,
  filter: webhook.filter && {
    ...(webhook.filter.categories ? { categories: [...webhook.filter.categories] } : {}),
    ...(webhook.filter.types ? { types: [...webhook.filter.types] } : {}),
  },
  description: webhook.description,
  createdAt: webhook.createdAt,
  createdBy: webhook.createdBy,
  checkpoint: delivery.checkpoint.toString(),
  status: {
    state: delivery.phase,
    parked: delivery.parked,
    consecutiveFailures: delivery.consecutiveFailures,
    pendingPosition: delivery.pendingPosition?.toString() ?? null,
    pendingAttempts: delivery.pendingAttempts,
    lastError: delivery.lastError,
    lastErrorAt: delivery.lastErrorAt,
    nextAttemptAt: delivery.nextAttemptAt,
    lastDeliveredAt: delivery.lastDeliveredAt,
  },
});

const replayOut = (report: ReplayReport) => ({
  delivered: report.delivered.map(String),
  failed: report.failed && { position: String(report.failed.position), error: report.failed.error },
  remaining: report.remaining,
});

const admin = { role: 'admin' as const };
const tags = ['webhooks'];

export const webhookRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const webhooks = deps.webhooks;

  app.post(
    '/v1/admin/webhooks',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Register a webhook',
        description:
          'Deliveries follow Standard Webhooks (webhook-id = event id, webhook-timestamp, webhook-signature v1 HMAC-SHA256), ' +
          'at least once and in position order, retried with exponential backoff and parked after the last attempt.',
        body: RegisterBody,
        response: { 201: CreatedWebhook, 400: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { url, filter, secret, description, from } = request.body;
      if (from !== 'head' && from !== 'start') {
        await requireIssued(deps.store, [{ field: '/from', in: 'body', position: BigInt(from) }]);
      }
      const { record } = await webhooks.register({
        url,
        filter,
        secret,
        description,
        from: from === 'head' || from === 'start' ? from : BigInt(from),
        principal: request.principal,
      });
      void reply.code(201).header('location', `/v1/admin/webhooks/${record.id}`);
      return { ...toOut(webhooks.get(record.id)), secret: record.secret };
    },
  );

  app.get(
    '/v1/admin/webhooks',
    {
      config: admin,
      schema: {
        tags,
        summary: 'List webhooks with their delivery status',
        response: { 200: z.object({ webhooks: z.array(WebhookOut) }) },
      },
    },
    async () => ({ webhooks: webhooks.list().map(toOut) }),
  );

  app.get(
    '/v1/admin/webhooks/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'One webhook and its delivery status',
        params: WebhookParams,
        response: { 200: WebhookOut, 404: ProblemSchema },
      },
    },
    async (request) => toOut(webhooks.get(request.params.id)),
  );

  app.delete(
    '/v1/admin/webhooks/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Remove a webhook, its checkpoint and its parked deliveries',
        params: WebhookParams,
        response: { 204: z.null(), 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await webhooks.remove(request.params.id, request.principal);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/admin/webhooks/:id/parked',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Parked deliveries, in position order',
        params: WebhookParams,
        querystring: z.strictObject({
          after: PositionText.optional().describe(
            'Exclusive cursor: at most the head of the log, else `400 position_beyond_head` naming the head.',
          ),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: ParkedPage, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { after, limit } = request.query;
      await requireIssued(deps.store, [queryPosition('after', after)]);
      const parked = await webhooks.parked(id, after === undefined ? undefined : BigInt(after), limit);
      const last = parked.at(-1);
      return {
        parked: parked.map((p) => ({ ...p, position: p.position.toString() })),
        total: webhooks.get(id).delivery.parked,
        next: parked.length === limit && last ? last.position.toString() : null,
      };
    },
  );

  app.post(
    '/v1/admin/webhooks/:id/parked/:position/replay',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Deliver one parked delivery again (one attempt); removed from the parked list on success',
        params: z.strictObject({ id: z.string().min(1).max(120), position: PositionText }),
        response: { 200: ReplayOut, 404: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request) => {
      const { id, position } = request.params;
      return replayOut(await webhooks.replay(id, { position: BigInt(position) }));
    },
  );

  app.post(
    '/v1/admin/webhooks/:id/parked/replay',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Deliver parked deliveries again, in position order, until one fails',
        params: WebhookParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(10_000).default(1000) }),
        response: { 200: ReplayOut, 404: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      return replayOut(await webhooks.replay(id, { limit: request.query.limit }));
    },
  );
};
