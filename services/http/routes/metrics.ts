import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { readiness } from '../../health/readiness.js';
import { ProblemSchema } from '../problem.js';

/** `GET /metrics`: the Prometheus text exposition of `deps.metrics` (role reader). */
export const metricsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/metrics',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        description: 'The Prometheus text format: snapshot saves, store write failures, readiness, and process metrics.',
        response: {
          200: {
            description: 'The Prometheus text exposition format (version 0.0.4)',
            content: { 'text/plain': { schema: z.string() } },
          },
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (_request, reply) => {
      // Readiness is computed when asked (it may probe the store), so a scrape asks too.
      deps.metrics.ready.set((await readiness(deps)).ready ? 1 : 0);
      const text = await deps.metrics.registry.metrics();
      return reply.type(deps.metrics.registry.contentType).send(text);
    },
  );
};
