/** The one function of topojson-client the page uses (the package ships no declarations). */
declare module 'topojson-client' {
  import type { FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
  export function feature(topology: unknown, object: unknown): FeatureCollection<Geometry, GeoJsonProperties>;
}
