import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { PLACES } from '../../services/demo/workedExample.js';
import { API_PATHS } from '../../web/src/apiPaths.js';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * The service side of the map page (issue 12): `/` serves the built page and its assets,
 * control answers carry each place's P-code (JSON and GeoJSON), the page calls only
 * documented routes, and the worked example's P-codes name polygons of the bundled basemap.
 */
let given: GivenApp;
beforeEach(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
});
afterEach(() => given.close());

const BASEMAP = join(import.meta.dirname, '..', '..', 'web', 'basemap', 'syria-admin.topo.json');

describe('GET /: the map page', () => {
  it('answers the page (not a 404 problem), naming its script, style and basemap, each served', async () => {
    const page = await given.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const assets = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.map((a) => a.replace(/-[A-Za-z0-9]+\./, '-*.'))).toEqual(
      expect.arrayContaining(['/assets/main-*.css', '/assets/syria-admin-*.topo.json', '/assets/main-*.js']),
    );
    for (const asset of assets) {
      const response = await given.app.inject({ method: 'GET', url: asset });
      expect(response.statusCode, asset).toBe(200);
      expect(response.headers['cache-control'], asset).toMatch(/immutable/);
    }
  });

  it('serves no page files outside the built assets, and an unknown asset is a 404 problem', async () => {
    const missing = await given.app.inject({ method: 'GET', url: '/assets/nothing-here.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const outside = await given.app.inject({ method: 'GET', url: '/assets/../../package.json' });
    expect(outside.statusCode).toBe(404);
  });

  it('keeps the page out of the OpenAPI document, which lists every route the page calls', async () => {
    const openapi = (await given.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).not.toContain('/');
    expect(Object.keys(openapi.paths).filter((p) => p.startsWith('/assets'))).toEqual([]);
    for (const path of API_PATHS) expect(Object.keys(openapi.paths), path).toContain(path);
  });
});

describe('control answers carry the P-code that ties a place to its polygon', () => {
  it('in JSON: al-Susa names Susat (SY090203); a place without one answers null', async () => {
    const answer = (await get(given, '/v1/control?at=2018-11-14&includeUnknown=true')).json() as {
      places: { placeId: string; pcode: string | null }[];
    };
    expect(answer.places.find((p) => p.placeId === 'al-susa')?.pcode).toBe('SY090203');
    expect(answer.places.find((p) => p.placeId === 'mahkan')?.pcode).toBeNull();
  });

  it('in JSON with a knowledge cutoff or a grade too (the uncached path)', async () => {
    const answer = (await get(given, `/v1/control?at=2018-11-14&minGrade=B3&asOf=${await given.head()}`)).json() as {
      places: { placeId: string; pcode: string | null }[];
    };
    expect(answer.places.find((p) => p.placeId === 'al-susa')?.pcode).toBe('SY090203');
  });

  it('in GeoJSON, among the feature properties', async () => {
    const collection = (await get(given, '/v1/control?at=2018-11-14', { accept: 'application/geo+json' })).json() as {
      features: { id: string; properties: { pcode: string | null } }[];
    };
    expect(collection.features.find((f) => f.id === 'al-susa')?.properties.pcode).toBe('SY090203');
  });

  it('documents pcode in the OpenAPI schema of the answer', async () => {
    const openapi = (await given.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.components.schemas.PlaceControl.properties.pcode).toBeDefined();
  });
});

describe('control as known at a past position (the knowledge slider)', () => {
  it('answers at every position exactly as the from-scratch computation does, after corrections, retractions and regrades', async () => {
    const write = async (url: string, payload: object) => {
      const response = await given.app.inject({ method: 'POST', url, payload });
      expect(response.statusCode, response.body).toBe(201);
    };
    await write('/v1/claims/sdf-controls-80pct-al-susa/corrections', { changes: { share: 0.6 }, reason: 'revised' });
    await write('/v1/claims', {
      id: 'russia-holds-mahkan',
      articleId: 'alquds-2018-11-14-deir-ez-zor-meeting',
      kind: 'control',
      placeId: 'mahkan',
      actorIds: ['russian-armed-forces'],
      share: 1,
      validTime: { date: '2018-11-01' },
      credibility: 3,
    });
    await write('/v1/sources/al-quds-al-arabi/reliability', { reliability: 'C', reason: 'regraded' });
    await write('/v1/claims/isis-holds-al-susa-2018-10/retractions', { reason: 'withdrawn' });
    const head = Number(await given.head());
    const places = async (query: string) =>
      ((await get(given, `/v1/control?at=2018-11-14&includeUnknown=true&${query}`)).json() as { places: unknown[] }).places;
    for (let position = 1; position <= head; position++) {
      // minGrade=F6 admits every claim but takes the computation from the place's claims, never the cache.
      expect(await places(`asOf=${position}`), `asOf=${position}`).toEqual(await places(`asOf=${position}&minGrade=F6`));
    }
  });
});

describe('the basemap and the worked example agree', () => {
  it("every P-code of the worked example's places is a polygon of the bundled COD-AB basemap", async () => {
    const topology = JSON.parse(await readFile(BASEMAP, 'utf8')) as {
      objects: Record<string, { geometries: { properties: { pcode: string; en: string; ar: string } }[] }>;
    };
    const pcodes = new Map(
      Object.values(topology.objects).flatMap((o) => o.geometries.map((g) => [g.properties.pcode, g.properties] as const)),
    );
    const coded = PLACES.filter((p) => p.pcode !== undefined);
    expect(coded.map((p) => p.id)).toEqual(
      expect.arrayContaining(['deir-ez-zor-governorate', 'abu-kamal-district', 'al-mayadin-district', 'al-susa', 'al-bukamal']),
    );
    for (const place of coded) expect(pcodes.has(place.pcode!), `${place.id} ${place.pcode}`).toBe(true);
    expect(pcodes.get('SY090203')).toMatchObject({ en: 'Susat', ar: 'سوسة' });
  });

  it('is one compact file: country, 14 governorates, 62 districts, 272 sub-districts, under 400 KiB', async () => {
    const text = await readFile(BASEMAP, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThan(400 * 1024);
    const topology = JSON.parse(text) as { type: string; objects: Record<string, { geometries: unknown[] }> };
    expect(topology.type).toBe('Topology');
    expect(Object.fromEntries(Object.entries(topology.objects).map(([k, v]) => [k, v.geometries.length]))).toEqual({
      admin0: 1,
      admin1: 14,
      admin2: 62,
      admin3: 272,
    });
  });

  it('loading the worked example again appends nothing', async () => {
    const head = await given.head();
    expect(await loadWorkedExample(given.store)).toMatchObject({ appended: 0 });
    expect(await given.head()).toBe(head);
  });
});
