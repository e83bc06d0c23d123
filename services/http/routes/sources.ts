import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegisterSource, RenameSource, ReviseSourceReliability } from '../../../domain/sources/commands.js';
import type { SourceView } from '../../../projections/registry.js';
import { reviseReliability } from '../../commands/reviseReliability.js';
import type { AppDeps } from '../../deps.js';
import { registerNamingRoutes } from '../namingRoutes.js';
import { NamesOut } from '../outSchemas.js';
import { registerRegistryResource } from '../registryResource.js';
import { IdParams, WriteResponse } from '../schemas.js';
import { writeContextOf } from '../writeContext.js';
import { writeErrors } from '../writeErrors.js';
import { replyToWrite, toWriteResponse } from '../writeReply.js';

const SourceOut = z
  .object({
    id: z.string(),
    name: NamesOut,
    kind: z.string(),
    url: z.string().optional(),
    note: z.string().optional(),
    reliability: z.string().describe('Admiralty source reliability as known now.'),
    reliabilityHistory: z.array(
      z.object({ reliability: z.string(), reason: z.string().optional(), recordedAt: z.string(), position: z.string() }),
    ),
    recordedAt: z.string(),
    position: z.string(),
  })
  .meta({ id: 'Source' });

const toOut = (s: SourceView) => ({
  ...s,
  position: s.position.toString(),
  reliabilityHistory: s.reliabilityHistory.map((h) => ({ ...h, position: h.position.toString() })),
});

export const sourceRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  registerRegistryResource(app, deps, {
    path: 'sources',
    noun: 'source',
    body: RegisterSource,
    toCommand: (data) => ({ type: 'RegisterSource' as const, data }),
    out: SourceOut,
    views: (d) => d.follower.state.registry.sources,
    toOut,
    names: (s) => s.name,
  });

  app.post(
    '/v1/sources/:id/reliability',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['sources'],
        summary: 'Revise a source reliability grade',
        params: IdParams,
        body: ReviseSourceReliability,
        response: { 200: WriteResponse, 201: WriteResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await reviseReliability(deps, writeContextOf(request), id, request.body);
      return replyToWrite(request, reply, result, toWriteResponse, () => `/v1/sources/${id}`);
    },
  );

  registerNamingRoutes(app, deps, {
    path: 'sources',
    noun: 'source',
    rename: RenameSource,
    toRename: (id, body) => ({ type: 'RenameSource', data: { ...body, id } }),
    toAddVariants: (id, body) => ({ type: 'AddSourceVariants', data: { ...body, id } }),
  });
};
