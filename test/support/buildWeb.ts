import { buildWeb, webIsStale } from '../../web/build.js';

/**
 * Vitest global set-up: build the map page (`dist/web/`) when it is missing or older than its
 * sources, so `GET /` and the browser tests serve the page the sources describe.
 */
export default async function setup() {
  if (await webIsStale()) await buildWeb();
}
