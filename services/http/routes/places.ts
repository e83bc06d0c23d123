import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegisterPlace, RenamePlace } from '../../../domain/places/commands.js';
import type { PlaceView, RegistryState } from '../../../projections/registry.js';
import type { AppDeps } from '../../deps.js';
import { registerNamingRoutes } from '../namingRoutes.js';
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

/** Lookups of places by their gazetteer keys (DESIGN "Vocabulary": OCHA P-code, GeoNames id). */
const PlaceLookups = z.object({
  pcode: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .transform((pcode) => pcode.toUpperCase())
    .optional()
    .describe('The place with this OCHA P-code (COD-AB, e.g. SY0902), in any case; combines with `q` and `geonamesId`.'),
  geonamesId: z.coerce.number().int().positive().optional().describe('The place with this GeoNames id.'),
});

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
    names: (p) => p.names,
    lookups: {
      query: PlaceLookups.shape,
      matches: (p: PlaceView, query) => {
        const { pcode, geonamesId } = PlaceLookups.parse(query);
        return (
          (pcode === undefined || p.pcode?.toUpperCase() === pcode) && (geonamesId === undefined || p.geonamesId === geonamesId)
        );
      },
    },
  });

  registerNamingRoutes(app, deps, {
    path: 'places',
    noun: 'place',
    rename: RenamePlace,
    toRename: (id, body) => ({ type: 'RenamePlace', data: { ...body, id } }),
    toAddVariants: (id, body) => ({ type: 'AddPlaceVariants', data: { ...body, id } }),
  });
};
