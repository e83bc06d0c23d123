import type { RegisterPlace } from '../places/commands.js';
import type { PlaceKind } from '../vocabulary.js';
import type { PlaceHint } from './datasetEvent.js';
import { childSlug, slugOf } from './slug.js';

/**
 * What place resolution may ask of the gazetteer the ledger holds (`services/importers/placeIndex.ts`
 * answers from the registry and the admin polygons).
 */
export interface PlaceLookup {
  has(placeId: string): boolean;
  kindOf(placeId: string): PlaceKind | undefined;
  parentOf(placeId: string): string | undefined;
  /** The country place a dataset's country name names (folded name or variant), if any. */
  countryNamed(name: string): string | undefined;
  /** The deepest admin unit of the country whose polygon contains the point. */
  containing(point: { lat: number; lon: number }, countryId: string): string | undefined;
  /** The admin unit of the country whose centroid is nearest the point. */
  nearest(point: { lat: number; lon: number }, countryId: string): string | undefined;
  /** A child of `parentId` with this name (folded), if any. */
  childNamed(parentId: string, name: string): string | undefined;
  /** Whether the place lies in the country: under it, or with a P-code nested in the country's. */
  within(placeId: string, countryId: string): boolean;
  /** An admin unit of this kind within the country with this name (folded), if any. */
  unitNamed(countryId: string, kind: PlaceKind, name: string): string | undefined;
}

export interface ResolvedPlace {
  readonly placeId: string;
  /** Places to register first, parents before children (none when every place exists). */
  readonly register: readonly RegisterPlace[];
  /** How the place was found, for the report and tests. */
  readonly by: 'polygon' | 'nearest' | 'name';
}

/** An admin unit's name without the word for its level ("Idlib governorate" → "Idlib"), to match gazetteer names. */
export const adminNameForms = (name: string): string[] => {
  const bare = name
    .replace(/\s+(governorate|province|district|state|region|division|municipality|county|prefecture|oblast)$/i, '')
    .trim();
  return bare !== name && bare !== '' ? [name, bare] : [name];
};

/** The kind of a place a dataset names by its words alone. */
const siteKind = (name: string): PlaceKind =>
  /\bvillage\b/i.test(name) ? 'village' : /\b(town|city)\b/i.test(name) ? 'town' : 'site';

const ancestorOfKind = (lookup: PlaceLookup, placeId: string, kinds: readonly PlaceKind[]): string | undefined => {
  for (let id: string | undefined = placeId, depth = 0; id !== undefined && depth < 10; id = lookup.parentOf(id), depth++) {
    if (kinds.includes(lookup.kindOf(id) as PlaceKind)) return id;
  }
  return undefined;
};

/**
 * The place a dataset row is about (issue 11 §4, docs/datasets.md "Places"):
 * 1. the row's point inside the deepest admin polygon of its country, else the nearest admin
 *    centroid in the same country;
 * 2. else the country's admin units by folded name (adm_1, then adm_2 under it), created from
 *    the row's names when the ledger has none (ids slugged from the parent's: deterministic);
 * then by precision: exact/near → a place for the named location (`where_coordinates`,
 * `location`) under the unit found, at the row's point; admin2 → the district; admin1 and
 * region → the governorate; country and unknown → the country.
 */
export const resolvePlace = (hint: PlaceHint, lookup: PlaceLookup): ResolvedPlace | { problem: string } => {
  const register: RegisterPlace[] = [];
  const ensure = (command: RegisterPlace): string => {
    if (!lookup.has(command.id) && !register.some((c) => c.id === command.id)) register.push(command);
    return command.id;
  };
  const countryId =
    lookup.countryNamed(hint.country) ??
    (slugOf(hint.country) !== ''
      ? ensure({ id: slugOf(hint.country), names: { en: hint.country, variants: [] }, kind: 'country' })
      : undefined);
  if (countryId === undefined)
    return { problem: `country ${JSON.stringify(hint.country)} has no Latin letters to make an id of` };

  const site = (parentId: string): string => {
    const id = hint.site !== undefined ? childSlug(parentId, hint.site) : '';
    if (hint.site === undefined || id === '' || id === parentId) return parentId;
    return ensure({
      id,
      names: { en: hint.site, variants: [] },
      kind: siteKind(hint.site),
      parentId,
      ...(hint.point ? { location: { ...hint.point, approximate: hint.precision !== 'exact' } } : {}),
    });
  };

  // A row coded only to its first-order unit (or a region within it) names that unit: the name
  // is the coding, the point only a stand-in somewhere in it — which may fall across the border
  // of another governorate's polygon ("Western Deir ez Zor governorate" at 34.97, 39.55).
  if ((hint.precision === 'admin1' || hint.precision === 'region') && hint.adm1 !== undefined) {
    const unit = adminNameForms(hint.adm1)
      .map((form) => lookup.unitNamed(countryId, 'governorate', form))
      .find((id) => id !== undefined);
    if (unit !== undefined) return { placeId: unit, register, by: 'name' };
  }

  if (hint.point && lookup.kindOf(countryId) === 'country') {
    const inside = lookup.containing(hint.point, countryId);
    const unit = inside ?? lookup.nearest(hint.point, countryId);
    if (unit !== undefined && lookup.within(unit, countryId)) {
      const by = inside !== undefined ? 'polygon' : 'nearest';
      const at = (kinds: PlaceKind[]) => ancestorOfKind(lookup, unit, kinds) ?? countryId;
      switch (hint.precision) {
        case 'exact':
        case 'near':
          return { placeId: site(unit), register, by };
        case 'admin3':
          return { placeId: at(['subdistrict', 'district', 'governorate']), register, by };
        case 'admin2':
          return { placeId: at(['district', 'governorate']), register, by };
        case 'admin1':
        case 'region':
          return { placeId: at(['governorate']), register, by };
        default:
          return { placeId: countryId, register, by };
      }
    }
  }

  const named = (parentId: string, name: string | undefined, kind: PlaceKind): string | undefined => {
    if (name === undefined) return undefined;
    const found = adminNameForms(name)
      .map((form) => lookup.childNamed(parentId, form))
      .find((id) => id !== undefined);
    if (found !== undefined) return found;
    const id = childSlug(parentId, name);
    return id === '' || id === parentId ? undefined : ensure({ id, names: { en: name, variants: [] }, kind, parentId });
  };
  const wants = hint.precision;
  if (wants === 'country' || wants === 'unknown') return { placeId: countryId, register, by: 'name' };
  const adm1 = named(countryId, hint.adm1, 'governorate');
  if (wants === 'admin1' || wants === 'region') return { placeId: adm1 ?? countryId, register, by: 'name' };
  const adm2 = named(adm1 ?? countryId, hint.adm2, 'district');
  if (wants === 'admin2' || wants === 'admin3') return { placeId: adm2 ?? adm1 ?? countryId, register, by: 'name' };
  return { placeId: site(adm2 ?? adm1 ?? countryId), register, by: 'name' };
};
