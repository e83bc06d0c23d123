import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  position: z.string().optional(),
  detail: z.string().optional(),
});

export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/health/live',
    { schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: Health } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['operations'],
        summary: 'The ledger is open and the read models follow it',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      try {
        const head = await deps.store.headPosition();
        if (deps.follower.failed) {
          return reply
            .code(503)
            .send({ status: 'unavailable' as const, detail: 'the read model follower stopped; see the logs' });
        }
        return { status: 'ok' as const, position: head.toString() };
      } catch (error) {
        return reply.code(503).send({ status: 'unavailable' as const, detail: (error as Error).message });
      }
    },
  );
};
