import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, post } from '../support/builders.js';
import { csvRecords, GAZETTEER, GED_231, importThroughHttp } from '../support/datasets.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Issue 11 §4, found by a tester on the demo ledger: a governorate an analyst registered by
 * hand with its P-code but no parent (the worked example's Deir ez-Zor, SY09) is the
 * gazetteer's SY09. The gazetteer import keeps it (unchanged) and files SY09's districts under
 * it; a UCDP event in Deir ez-Zor then lands inside it — by its admin polygon — not in
 * whichever other governorate's centroid is nearest.
 */
let given: GivenApp;
let deirEzZorRows: string[];

beforeAll(async () => {
  deirEzZorRows = (await csvRecords(GED_231))
    .filter((r) => r.country === 'Syria' && r.adm_1 === 'Deir ez Zor governorate')
    .filter((r) => Number(r.low) <= Number(r.best) && Number(r.best) <= Number(r.high))
    .map((r) => r.id!);
  given = await givenApp({ SIJILL_BOUNDARIES: '../shared/realdata/boundaries' });
  const registered = await post(given, '/v1/places', {
    id: 'deir-ez-zor-governorate',
    names: { en: 'Deir ez-Zor', ar: 'دير الزور', variants: [] },
    kind: 'governorate',
    pcode: 'SY09',
  });
  expect(registered.statusCode).toBe(201);
  for (const [format, release, file] of [
    ['gazetteer', 'cod-ab-v02', GAZETTEER],
    ['ucdp-ged', '23.1', GED_231],
  ] as const) {
    const { job } = await importThroughHttp(given, { format, release }, { file });
    expect(job.status).toBe('succeeded');
  }
}, 90_000);
afterAll(() => given.close());

describe('a unit registered by hand before the gazetteer', () => {
  it('receives its districts from the gazetteer', async () => {
    const district = (await get(given, '/v1/places?pcode=SY0903')).json();
    expect(district.items[0].parentId).toBe('deir-ez-zor-governorate');
  });

  it('holds every UCDP event of Deir ez-Zor governorate, each in one of its districts', async () => {
    expect(deirEzZorRows.length).toBeGreaterThan(20);
    const csv = await given.app.inject({ method: 'GET', url: '/v1/claims/export.csv?dataset=ucdp-ged&pcode=SY09' });
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.external_id).sort()).toEqual([...deirEzZorRows].sort());
    for (const row of rows) {
      expect(row.admin1_pcode).toBe('SY09');
      if (!['admin1', 'region'].includes(row.place_precision!)) expect(row.admin2_pcode).toMatch(/^SY090[1-3]$/);
    }
  });
});
