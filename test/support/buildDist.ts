import { buildService, serviceIsStale } from '../../build/service.js';
import { buildWeb, webIsStale } from '../../web/build.js';

/**
 * Vitest global set-up: build the map page (`dist/web/`) and the service bundle
 * (`dist/service/`) when either is missing or older than its sources, so `GET /` and the
 * browser tests serve the page the sources describe, and the server processes the tests start
 * (`test/support/server.ts`) run the bundle `npm start` runs.
 */
export default async function setup() {
  if (await webIsStale()) await buildWeb();
  if (await serviceIsStale()) await buildService();
}
