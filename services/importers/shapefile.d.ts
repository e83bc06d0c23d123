/**
 * The streaming readers of `shapefile` (0.6) the importers use; the package ships no type
 * declarations (the basemap script declares `read` beside its own code).
 */
declare module 'shapefile' {
  import type { Feature, Geometry } from 'geojson';
  export interface Source<T> {
    read(): Promise<{ done: boolean; value: T }>;
    cancel(): Promise<void>;
  }
  export function open(shp: string, dbf?: string, options?: { encoding?: string }): Promise<Source<Feature<Geometry | null>>>;
  export function openDbf(dbf: string, options?: { encoding?: string }): Promise<Source<Record<string, unknown>>>;
}
