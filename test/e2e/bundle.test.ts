import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords, GED_231, toCsv } from '../support/datasets.js';
import { tempDir } from '../support/ledger.js';
import { type ServerProcess, startServer } from '../support/server.js';

/**
 * The bundle `npm start` runs (`dist/service/main.mjs`, `build/service.ts`) finds everything the
 * sources found beside themselves: the map page (resolved from the install folder, not from the
 * module's own path), the Swagger UI's files (a package left outside the bundle), and the
 * import planning worker (its own bundled entry, `planWorker.mjs`, started without tsx).
 */
let dir: Awaited<ReturnType<typeof tempDir>>;
let server: ServerProcess;
beforeAll(async () => {
  dir = await tempDir();
  server = await startServer({ SIJILL_STORE: join(dir.dir, 'ledger.db'), SIJILL_HOST: '127.0.0.1' });
});
afterAll(async () => {
  await server?.stop();
  await dir.cleanup();
});

describe('the service bundle', () => {
  it('serves the map page, the recording page and their assets', async () => {
    const page = await fetch(`${server.base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="(\/assets\/main-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${server.base}${script}`)).status).toBe(200);
    expect((await fetch(`${server.base}/record`)).status).toBe(200);
  });

  it('serves the API documents and the Swagger UI', async () => {
    expect((await fetch(`${server.base}/openapi.json`)).status).toBe(200);
    const docs = await fetch(`${server.base}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });

  it('imports a dataset file through its planning worker thread', async () => {
    const rows = await csvRecords(GED_231);
    const posted = await fetch(`${server.base}/v1/admin/imports?format=ucdp-ged&release=23.1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: toCsv(rows.slice(0, 3)),
    });
    expect(posted.status).toBe(202);
    const job = (await (await fetch(`${server.base}${posted.headers.get('location')}?waitMs=60000`)).json()) as {
      status: string;
      counters: { rowsRead: number; claimsRecorded: number };
      error: unknown;
    };
    expect(job).toMatchObject({ status: 'succeeded', counters: { rowsRead: 3, claimsRecorded: 3 }, error: null });
    expect(server.output()).not.toMatch(/planning worker/);
  });
});
