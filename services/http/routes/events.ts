import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApplicationError } from '../../applicationError.js';
import type { AppDeps } from '../../deps.js';
import { toEnvelope } from '../../envelope.js';
import { StreamNotFoundError } from '../../eventstore/errors.js';
import { queryPosition, refuseBeyondHead } from '../../queries/positions.js';
import { ProblemSchema } from '../problem.js';
import { Envelope, LogFilterQuery, logFilterOf, PositionText, STREAM_ID_PARAM_MAX } from '../schemas.js';

const EventsQuery = z.strictObject({
  after: PositionText.optional().describe(
    'Exclusive cursor: events after this position (before it, backwards). Default: the start (the end, backwards). ' +
      'At most the head of the log (`after=<head>` answers an empty page); a position beyond it is refused with ' +
      '`400 position_beyond_head` naming the head, since events written later at or below it would be skipped.',
  ),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  ...LogFilterQuery,
  direction: z.enum(['forwards', 'backwards']).default('forwards'),
});

const EventsPage = z
  .object({
    events: z.array(Envelope),
    next: PositionText.nullable().describe('Pass as `after` for the next page; null when this page reached the end of the log.'),
    head: PositionText.describe('The last position in the log when the page was read.'),
  })
  .meta({ id: 'EventsPage' });

const StreamQuery = z.strictObject({
  from: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      'Inclusive revision to start from. Default: the first (the last, backwards). At most the revision the stream ' +
        'writes next (its current revision + 1, an empty page); beyond it, `400 revision_beyond_end` with ' +
        '`currentRevision`, since events written later below it would be skipped.',
    ),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  direction: z.enum(['forwards', 'backwards']).default('forwards'),
});

const StreamPage = z
  .object({
    streamId: z.string(),
    events: z.array(Envelope),
    next: z.number().int().nullable().describe('Pass as `from` for the next page; null at the end of the stream.'),
  })
  .meta({ id: 'StreamPage' });

/**
 * A revision the stream has not reached is refused, for the reason positions beyond the head
 * are (see `refuseBeyondHead`): reading from 50 on a 3-event stream answers nothing, and
 * revisions 3..49, once written, would be skipped by a reader that goes on from there. The
 * next revision to be written (`current + 1`) is fine: an empty page.
 */
const refuseBeyondEnd = (streamId: string, from: bigint, current: bigint): void => {
  if (from <= current + 1n) return;
  throw new ApplicationError(
    'revision_beyond_end',
    `from ${from}: beyond the end of ${streamId}, whose last revision is ${current}`,
    [{ field: '/from', in: 'querystring', message: `beyond the end of the stream (revision ${current})` }],
    { currentRevision: current.toString() },
  );
};

export const eventRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/v1/events',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['log'],
        summary: 'Page through the global log',
        querystring: EventsQuery,
        response: { 200: EventsPage, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { after, limit, category, type, direction } = request.query;
      const head = await deps.store.headPosition();
      refuseBeyondHead(head, [queryPosition('after', after)]);
      const events = await deps.store.readAll({
        direction,
        ...(after !== undefined ? { after: BigInt(after) } : {}),
        maxCount: limit,
        filter: logFilterOf({ category, type }),
      });
      const last = events.at(-1);
      void reply.header('x-ledger-position', head.toString());
      return {
        events: events.map(toEnvelope),
        next: events.length === limit && last ? last.position.toString() : null,
        head: head.toString(),
      };
    },
  );

  app.get(
    '/v1/streams/:streamId',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['log'],
        summary: 'Read one stream',
        params: z.strictObject({ streamId: z.string().min(1).max(STREAM_ID_PARAM_MAX) }),
        querystring: StreamQuery,
        response: { 200: StreamPage, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { streamId } = request.params;
      const { from, limit, direction } = request.query;
      const head = await deps.store.headPosition();
      const notFound = new ApplicationError('stream_not_found', `no stream ${streamId}`);
      const current = await deps.store.streamRevision(streamId);
      if (current === 'no_stream') throw notFound;
      if (from !== undefined) refuseBeyondEnd(streamId, BigInt(from), current);
      const events = await deps.store
        .readStream(streamId, { direction, maxCount: limit, ...(from !== undefined ? { fromRevision: BigInt(from) } : {}) })
        .catch((error: unknown) => {
          throw error instanceof StreamNotFoundError ? notFound : error;
        });
      const last = events.at(-1);
      const next = events.length === limit && last ? Number(last.revision) + (direction === 'forwards' ? 1 : -1) : null;
      void reply.header('x-ledger-position', head.toString());
      return { streamId, events: events.map(toEnvelope), next: next !== null && next >= 0 ? next : null };
    },
  );
};
