import type { RegistryState } from '../../../projections/registry.js';
import { HttpProblem } from '../problem.js';

/** The place and all its descendants (the place tree has no cycles: parents exist before children). */
export const subtreeOf = (registry: RegistryState, placeId: string): Set<string> => {
  if (!registry.places.has(placeId)) throw new HttpProblem(404, 'not_found', 'Not found', `no place ${placeId}`);
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

export const requirePlace = (registry: RegistryState, placeId: string) => {
  const place = registry.places.get(placeId);
  if (!place) throw new HttpProblem(404, 'not_found', 'Not found', `no place ${placeId}`);
  return place;
};
