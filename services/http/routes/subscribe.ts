import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { queryPosition, refuseBeyondHead } from '../../queries/positions.js';
import { echoedRequestId } from '../clientIds.js';
import { ServerSentEventComponent } from '../openapi/eventCatalogue.js';
import { ProblemSchema } from '../problem.js';
import { LogFilterQuery, logFilterOf, PositionText } from '../schemas.js';
import { SlowConsumerError, SseWriter } from '../sse/writer.js';

const SubscribeQuery = z.strictObject({
  after: PositionText.optional().describe(
    'Deliver events after this position. The Last-Event-ID header, sent by reconnecting clients, wins over it. ' +
      'At most the head of the log (`after=<head>`: live events only); beyond it, `400 position_beyond_head` ' +
      'naming the head, since events written later at or below it would never be delivered.',
  ),
  ...LogFilterQuery,
  stream: z.string().min(1).max(200).optional().describe('Only the events of this stream.'),
});

/** Loose: a client sends many headers, and the parsed object replaces `request.headers`. */
const SubscribeHeaders = z.looseObject({
  'last-event-id': PositionText.optional().describe(
    'Sent by a reconnecting EventSource: the `id:` of the last event it received. Same rules as `after`.',
  ),
});

/**
 * `GET /v1/subscribe`: the log as Server-Sent Events — catch-up from `after` (in pages, pulled
 * as the client reads), then live. `id:` is the position, so a client that reconnects with
 * Last-Event-ID resumes exactly after the last event it saw: no gap, no duplicate.
 */
export const subscribeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/v1/subscribe',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['log'],
        summary: 'Follow the log: Server-Sent Events, catch-up then live',
        description:
          'Each event: `id:` the position, `event:` the event type, `data:` the envelope. Resume with `Last-Event-ID` (or `after`). A comment line is sent as a heartbeat.',
        querystring: SubscribeQuery,
        headers: SubscribeHeaders,
        response: {
          200: {
            description: 'The stream: one `ServerSentEvent` per event, catch-up then live, until the client leaves',
            content: { 'text/event-stream': { schema: ServerSentEventComponent } },
          },
          400: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const { category, type, stream } = request.query;
      const lastEventId = request.headers['last-event-id'];
      const start =
        lastEventId !== undefined
          ? { field: '/last-event-id', in: 'headers' as const, position: BigInt(lastEventId) }
          : queryPosition('after', request.query.after);
      // Before the stream starts: afterwards only a 200 can be answered.
      refuseBeyondHead(await deps.store.headPosition(), [start]);
      const after = start.position ?? 0n;
      const { heartbeatMs, drainTimeoutMs } = deps.config.sse;

      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': echoedRequestId(request),
      });
      deps.sse.add(response);
      const writer = new SseWriter(response, drainTimeoutMs);
      const subscription = deps.store.subscribe({
        after,
        filter: logFilterOf({ category, type }),
      });
      const heartbeat = setInterval(() => {
        writer.comment('heartbeat').catch(() => response.destroy());
      }, heartbeatMs);
      // The client went away, or the server is shutting down: release the subscription.
      response.once('close', () => {
        clearInterval(heartbeat);
        void subscription.close();
      });
      request.log.info({ after: String(after), category, type, stream }, 'subscriber connected');

      const matches = (event: RecordedEvent) => stream === undefined || event.streamId === stream;
      try {
        await writer.retry(2_000);
        for await (const event of subscription) {
          if (writer.closed) break;
          if (matches(event)) await writer.frame(deps.sse.frameOf(event));
        }
      } catch (error) {
        if (error instanceof SlowConsumerError) request.log.warn({ reason: error.message }, 'slow subscriber disconnected');
        else request.log.error({ err: error }, 'subscription failed');
        response.destroy();
      } finally {
        clearInterval(heartbeat);
        await subscription.close();
        if (!response.writableEnded) response.end();
        request.log.info('subscriber disconnected');
      }
    },
  );
};
