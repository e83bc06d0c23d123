/**
 * Every API route the pages call (the map and `/record`), as written in the OpenAPI document (`/openapi.json`). The
 * page uses only public, documented routes; `test/api/mapPage.test.ts` checks each of these
 * against the document the service serves.
 */
export const API_PATHS = [
  '/v1/control',
  '/v1/places',
  '/v1/places/{id}',
  '/v1/places/{id}/history',
  '/v1/actors',
  '/v1/timeline',
  '/v1/replay',
  '/v1/claims/{id}',
  '/v1/events',
  '/v1/subscribe',
  '/v1/articles',
  '/v1/articles/{id}/suggestions',
  '/v1/sources',
  '/v1/claims',
] as const;
export type ApiPath = (typeof API_PATHS)[number];
