import type { PlaceView, RegistryState } from './registry.js';

/**
 * A place's lineage in the gazetteer tree: its located point (its own, else its nearest
 * ancestor's) and the administrative divisions it lies in, found by walking `parentId` up to
 * the root. The tree has no cycles (a parent exists before its children); the walk stops
 * after `MAX_DEPTH` steps all the same, so a malformed ledger cannot loop a read.
 */
const MAX_DEPTH = 64;

/** The administrative levels of OCHA COD-AB (DESIGN "Vocabulary"; PlaceKind's TSDoc): admin0…admin3. */
export const ADMIN_LEVEL_KINDS = { country: 0, governorate: 1, district: 2, subdistrict: 3 } as const;

/** One administrative division a place lies in: its English display name and P-code. */
export interface AdminDivision {
  readonly placeId: string;
  readonly name: string;
  readonly pcode: string | undefined;
}

/** The divisions a place lies in by level (admin0 = country … admin3 = sub-district); a level the chain lacks is absent. */
export type AdminLevels = readonly [
  AdminDivision | undefined,
  AdminDivision | undefined,
  AdminDivision | undefined,
  AdminDivision | undefined,
];

/** The place and its ancestors, nearest first. */
export function* lineage(registry: RegistryState, placeId: string): Generator<PlaceView> {
  let place = registry.places.get(placeId);
  for (let depth = 0; place && depth < MAX_DEPTH; depth++) {
    yield place;
    place = place.parentId === undefined ? undefined : registry.places.get(place.parentId);
  }
}

/** The point of the place, else of its nearest located ancestor (a district's centroid for a village without one); null if none. */
export const locationOf = (registry: RegistryState, placeId: string): PlaceView['location'] | null => {
  for (const place of lineage(registry, placeId)) if (place.location) return place.location;
  return null;
};

/**
 * The country, governorate (admin1), district (admin2) and sub-district (admin3) the place lies
 * in — the place itself counting when it is one — by the kinds on its parent chain; the
 * nearest of each kind wins.
 */
export const adminLevelsOf = (registry: RegistryState, placeId: string): AdminLevels => {
  const levels: [AdminDivision?, AdminDivision?, AdminDivision?, AdminDivision?] = [];
  for (const place of lineage(registry, placeId)) {
    const level = ADMIN_LEVEL_KINDS[place.kind as keyof typeof ADMIN_LEVEL_KINDS];
    if (level !== undefined && levels[level] === undefined) {
      levels[level] = { placeId: place.id, name: place.names.en, pcode: place.pcode };
    }
  }
  return [levels[0], levels[1], levels[2], levels[3]];
};
