import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegisterActor, RenameActor } from '../../../domain/actors/commands.js';
import type { AppDeps } from '../../deps.js';
import { registerNamingRoutes } from '../namingRoutes.js';
import { NamesOut } from '../outSchemas.js';
import { registerRegistryResource } from '../registryResource.js';

const ActorOut = z
  .object({
    id: z.string(),
    names: NamesOut,
    kind: z.string(),
    parentId: z.string().optional(),
    alignedWith: z.string().optional(),
    recordedAt: z.string(),
    position: z.string(),
  })
  .meta({ id: 'Actor' });

export const actorRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  registerRegistryResource(app, deps, {
    path: 'actors',
    noun: 'actor',
    body: RegisterActor,
    toCommand: (data) => ({ type: 'RegisterActor' as const, data }),
    out: ActorOut,
    views: (d) => d.follower.state.registry.actors,
    toOut: (a) => ({ ...a, position: a.position.toString() }),
    names: (a) => a.names,
  });

  registerNamingRoutes(app, deps, {
    path: 'actors',
    noun: 'actor',
    rename: RenameActor,
    toRename: (id, body) => ({ type: 'RenameActor', data: { ...body, id } }),
    toAddVariants: (id, body) => ({ type: 'AddActorVariants', data: { ...body, id } }),
  });
};
