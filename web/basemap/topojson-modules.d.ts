/**
 * The few entry points of shapefile, topojson-server and topojson-simplify the basemap script
 * uses (the packages ship no type declarations).
 */
declare module 'shapefile' {
  import type { FeatureCollection } from 'geojson';
  export function read(shp: string, dbf?: string, options?: { encoding?: string }): Promise<FeatureCollection>;
}

declare module 'topojson-server' {
  import type { FeatureCollection, Geometry } from 'geojson';
  export function topology(objects: Record<string, FeatureCollection<Geometry | null>>, quantization?: number): Topology;
  /** A TopoJSON topology (https://github.com/topojson/topojson-specification). */
  export interface Topology {
    type: 'Topology';
    objects: Record<string, unknown>;
    arcs: number[][][];
    transform?: { scale: [number, number]; translate: [number, number] };
    bbox?: number[];
  }
}

declare module 'topojson-simplify' {
  import type { Topology } from 'topojson-server';
  export function presimplify(topology: Topology, weight?: unknown): Topology;
  export function simplify(topology: Topology, minWeight?: number): Topology;
  export function quantile(topology: Topology, p: number): number;
  export function filter(topology: Topology, filter: unknown): Topology;
  export function filterWeight(topology: Topology, minWeight?: number, weight?: unknown): unknown;
}

declare module 'topojson-client' {
  import type { Topology } from 'topojson-server';
  export function quantize(topology: Topology, n: number): Topology;
}
