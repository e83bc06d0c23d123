import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { open } from 'shapefile';
import type { PlaceHint } from '../../domain/datasets/datasetEvent.js';
import { type PlaceLookup, type ResolvedPlace, resolvePlace } from '../../domain/datasets/placeResolution.js';
import { allNames, type Names } from '../../domain/names.js';
import type { PlaceKind } from '../../domain/vocabulary.js';
import { FoldedKeys } from './foldedKeys.js';

/** A place as the index keeps it. */
export interface IndexedPlace {
  readonly id: string;
  readonly names: Names;
  readonly kind: string;
  readonly parentId?: string;
  readonly location?: { readonly lat: number; readonly lon: number };
  readonly pcode?: string;
}

/** An admin polygon of a COD-AB boundaries set, with its P-code, level and bounding box. */
export interface AdminPolygon {
  readonly pcode: string;
  readonly level: number;
  readonly bbox: readonly [number, number, number, number];
  readonly feature: Feature<Polygon | MultiPolygon>;
}

/** Resolutions remembered before the memory starts again: a bound far above a release's distinct places. */
const MAX_RESOLVED = 100_000;

const ADMIN_KINDS: ReadonlySet<string> = new Set(['governorate', 'district', 'subdistrict']);

const bboxOf = (geometry: Polygon | MultiPolygon): [number, number, number, number] => {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings)
    for (const [x = 0, y = 0] of ring) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  return box;
};

/**
 * The admin polygons of a boundaries folder (COD-AB `*admin{1,2,3}.shp` with their `.dbf`,
 * WGS84), read with `shapefile`'s streaming reader; level 0 (the country outline) is left out:
 * a point in a country is found from its units. Deepest level first, as matching wants them.
 */
export const loadAdminPolygons = async (dir: string): Promise<AdminPolygon[]> => {
  const polygons: AdminPolygon[] = [];
  for (const file of await readdir(dir)) {
    const level = Number(/admin([1-9])\.shp$/i.exec(file)?.[1] ?? Number.NaN);
    if (!Number.isInteger(level)) continue;
    const source = await open(join(dir, file), join(dir, file.replace(/\.shp$/i, '.dbf')), { encoding: 'utf-8' });
    for (let next = await source.read(); !next.done; next = await source.read()) {
      const { geometry, properties } = next.value;
      const pcode = properties?.[`adm${level}_pcode`];
      if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') || typeof pcode !== 'string') continue;
      polygons.push({
        pcode: pcode.toUpperCase(),
        level,
        bbox: bboxOf(geometry),
        feature: next.value as Feature<Polygon | MultiPolygon>,
      });
    }
  }
  return polygons.sort((a, b) => b.level - a.level);
};

/**
 * The gazetteer the ledger holds, indexed for place matching (issue 11 §4): by P-code, by
 * admin polygon, by nearest admin centroid and by folded name under a parent. Built from the
 * registry at the start of an import; the importer adds the places it registers as it goes.
 */
export class PlaceIndex implements PlaceLookup {
  readonly #places = new Map<string, IndexedPlace>();
  readonly #byPcode = new Map<string, string>();
  /** Folded name key → place id, per parent id (`''` for places without a parent). */
  readonly #byName = new Map<string, Map<string, string>>();
  readonly #nearestCache = new Map<string, IndexedPlace[]>();
  /** Hint (as JSON) → a resolution that needed no new place: see `resolve`. */
  readonly #resolved = new Map<string, ResolvedPlace>();
  /** `${countryId} ${kind}` → folded name key → unit id: the country's admin units of a level by name. */
  readonly #unitsByName = new Map<string, Map<string, string>>();

  readonly #folded: FoldedKeys;

  /** `folded` is shared with the other indexes of an import (the same names recur across them). */
  constructor(
    places: Iterable<IndexedPlace>,
    private readonly polygons: readonly AdminPolygon[] = [],
    folded: FoldedKeys = new FoldedKeys(),
  ) {
    this.#folded = folded;
    for (const place of places) this.add(place);
  }

  add(place: IndexedPlace): void {
    if (this.#places.has(place.id)) return;
    this.#places.set(place.id, place);
    if (place.pcode !== undefined && !this.#byPcode.has(place.pcode.toUpperCase()))
      this.#byPcode.set(place.pcode.toUpperCase(), place.id);
    const parent = place.kind === 'country' ? '' : (place.parentId ?? '');
    const names = this.#byName.get(parent) ?? new Map<string, string>();
    this.#byName.set(parent, names);
    for (const name of allNames(place.names)) {
      const key = this.#folded.of(name);
      if (key !== '' && !names.has(key)) names.set(key, place.id);
    }
    if (ADMIN_KINDS.has(place.kind) && place.location) this.#nearestCache.clear();
    if (ADMIN_KINDS.has(place.kind) || place.kind === 'country') this.#resolved.clear();
    if (ADMIN_KINDS.has(place.kind)) this.#unitsByName.clear();
  }

  /**
   * `resolvePlace(hint, this)`, remembered: a release names the same places row after row (the
   * same village, the same coordinates), and matching a point against the admin polygons is
   * the costliest step of planning a row. Only answers that register nothing are kept — the
   * same hint then finds the same places, since a dataset import only adds places under the
   * admin units, and any new admin unit or country empties the memory.
   */
  resolve(hint: PlaceHint): ResolvedPlace | { problem: string } {
    const key = JSON.stringify(hint);
    const known = this.#resolved.get(key);
    if (known) return known;
    const resolved = resolvePlace(hint, this);
    if ('placeId' in resolved && resolved.register.length === 0) {
      if (this.#resolved.size >= MAX_RESOLVED) this.#resolved.clear();
      this.#resolved.set(key, resolved);
    }
    return resolved;
  }

  get(id: string): IndexedPlace | undefined {
    return this.#places.get(id);
  }

  byPcode(pcode: string): string | undefined {
    return this.#byPcode.get(pcode.toUpperCase());
  }

  has(id: string): boolean {
    return this.#places.has(id);
  }

  kindOf(id: string): PlaceKind | undefined {
    return this.#places.get(id)?.kind as PlaceKind | undefined;
  }

  parentOf(id: string): string | undefined {
    return this.#places.get(id)?.parentId;
  }

  countryNamed(name: string): string | undefined {
    const id = this.#byName.get('')?.get(this.#folded.of(name));
    return id !== undefined && this.kindOf(id) === 'country' ? id : undefined;
  }

  childNamed(parentId: string, name: string): string | undefined {
    return this.#byName.get(parentId)?.get(this.#folded.of(name));
  }

  /**
   * Whether place `id` lies in country `countryId`: by the parent chain, or by P-code — COD-AB
   * P-codes nest (SY > SY09 > SY0902 > SY090200), so a unit registered by hand without its
   * parent (a governorate an analyst added before the gazetteer) is still known to be Syrian.
   */
  within(id: string, countryId: string): boolean {
    for (let at: string | undefined = id, depth = 0; at !== undefined && depth < 10; at = this.parentOf(at), depth++) {
      if (at === countryId) return true;
    }
    const pcode = this.#places.get(id)?.pcode?.toUpperCase();
    const countryPcode = this.#places.get(countryId)?.pcode?.toUpperCase();
    return pcode !== undefined && countryPcode !== undefined && pcode.startsWith(countryPcode);
  }

  containing(point: { lat: number; lon: number }, countryId: string): string | undefined {
    const at: [number, number] = [point.lon, point.lat];
    for (const polygon of this.polygons) {
      const [minX, minY, maxX, maxY] = polygon.bbox;
      if (at[0] < minX || at[0] > maxX || at[1] < minY || at[1] > maxY) continue;
      const id = this.byPcode(polygon.pcode);
      if (id === undefined || !this.within(id, countryId)) continue;
      if (booleanPointInPolygon(at, polygon.feature)) return id;
    }
    return undefined;
  }

  unitNamed(countryId: string, kind: PlaceKind, name: string): string | undefined {
    const key = `${countryId} ${kind}`;
    let units = this.#unitsByName.get(key);
    if (!units) {
      units = new Map();
      for (const place of this.#places.values()) {
        if (place.kind !== kind || !this.within(place.id, countryId)) continue;
        for (const each of allNames(place.names)) {
          const folded = this.#folded.of(each);
          if (folded !== '' && !units.has(folded)) units.set(folded, place.id);
        }
      }
      this.#unitsByName.set(key, units);
    }
    return units.get(this.#folded.of(name));
  }

  nearest(point: { lat: number; lon: number }, countryId: string): string | undefined {
    let units = this.#nearestCache.get(countryId);
    if (!units) {
      const all = [...this.#places.values()].filter((p) => ADMIN_KINDS.has(p.kind) && p.location && this.within(p.id, countryId));
      // The deepest level the country has: a sub-district's centroid says more than its district's.
      const level = ['subdistrict', 'district', 'governorate'].find((kind) => all.some((p) => p.kind === kind));
      units = all.filter((p) => p.kind === level);
      this.#nearestCache.set(countryId, units);
    }
    // Equirectangular distance: enough to rank centroids within one country.
    const cos = Math.cos((point.lat * Math.PI) / 180);
    let best: { id: string; d: number } | undefined;
    for (const unit of units) {
      const { lat, lon } = unit.location!;
      const d = (lat - point.lat) ** 2 + ((lon - point.lon) * cos) ** 2;
      if (!best || d < best.d) best = { id: unit.id, d };
    }
    return best?.id;
  }
}
