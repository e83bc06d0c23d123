import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allNames } from '../../../domain/names.js';
import { RegisterPlace } from '../../../domain/places/commands.js';
import type { PlaceView, RegistryState } from '../../../projections/registry.js';
import type { AppDeps } from '../../deps.js';
import { NamesOut, PointOut } from '../outSchemas.js';
import { registerRegistryResource } from '../registryResource.js';

const PlaceOut = z
  .object({
    id: z.string(),
    names: NamesOut,
    kind: z.string(),
    parentId: z.string().optional(),
    ancestorIds: z.array(z.string()).describe('From the parent up to the root of the place tree.'),
    childIds: z.array(z.string()),
    location: PointOut.optional(),
    pcode: z.string().optional(),
    geonamesId: z.number().optional(),
    recordedAt: z.string(),
    position: z.string(),
  })
  .meta({ id: 'Place' });

const ancestorsOf = (state: RegistryState, place: PlaceView): string[] => {
  const ancestors: string[] = [];
  // Parents are fixed at registration and must already exist, so the walk ends at a root.
  for (let id = place.parentId; id !== undefined; id = state.places.get(id)?.parentId) ancestors.push(id);
  return ancestors;
};

export const placeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  registerRegistryResource(app, deps, {
    path: 'places',
    noun: 'place',
    body: RegisterPlace,
    toCommand: (data) => ({ type: 'RegisterPlace' as const, data }),
    out: PlaceOut,
    views: (d) => d.follower.state.registry.places,
    toOut: (p, d) => ({ ...p, position: p.position.toString(), ancestorIds: ancestorsOf(d.follower.state.registry, p) }),
    names: (p) => allNames(p.names),
  });
};
