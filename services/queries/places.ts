import type { PlaceView, RegistryState } from '../../projections/registry.js';
import { ApplicationError } from '../applicationError.js';

const noPlace = (placeId: string) => new ApplicationError('not_found', `no place ${placeId}`);

/**
 * The place and all its descendants (the place tree has no cycles: parents exist before
 * children). Fails with `not_found` for an unknown place.
 */
export const subtreeOf = (registry: RegistryState, placeId: string): Set<string> => {
  if (!registry.places.has(placeId)) throw noPlace(placeId);
  const ids = new Set<string>([placeId]);
  const queue = [placeId];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const child of registry.places.get(id)?.childIds ?? []) {
      ids.add(child);
      queue.push(child);
    }
  }
  return ids;
};

/** The place, or `not_found`. */
export const requirePlace = (registry: RegistryState, placeId: string): PlaceView => {
  const place = registry.places.get(placeId);
  if (!place) throw noPlace(placeId);
  return place;
};
