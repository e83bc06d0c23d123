import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { readiness } from '../../health/readiness.js';

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  position: z.string().optional(),
  detail: z.string().optional().describe('What is wrong, when not ready.'),
  checks: z
    .object({
      store: z.string().describe('`ok`, or why the ledger cannot be read or written (every write would fail).'),
      readModels: z.string().describe('`ok`, or why the read models stopped following the log.'),
      snapshot: z
        .string()
        .describe(
          '`ok`, `none`, or why the read-model snapshot cannot be saved. Does not make the service unready: the models still follow the log; only a restart would replay more of it.',
        ),
    })
    .optional(),
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
        summary: 'The ledger is readable and writable and the read models follow it',
        description:
          '503 when the ledger cannot be read or refuses writes (disk full, I/O error) or the read models stopped; `checks` says which. A snapshot that cannot be saved is reported in `checks.snapshot` but leaves the service ready.',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const { ready, position, detail, checks } = await readiness(deps);
      deps.metrics.ready.set(ready ? 1 : 0);
      return reply.code(ready ? 200 : 503).send({
        status: ready ? ('ok' as const) : ('unavailable' as const),
        ...(position !== undefined ? { position } : {}),
        ...(detail !== undefined ? { detail } : {}),
        checks,
      });
    },
  );
};
