import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLAIMS_CSV_COLUMNS } from '../../services/http/claimsCsv.js';
import { get } from '../support/builders.js';
import { CITATION, givenClaimsLedger, IDS, T1 } from '../support/claimsLedger.js';
import type { GivenApp } from '../support/ledger.js';

/**
 * GET /v1/claims/export.csv (issue 11, item 5): the claims GET /v1/claims selects, as one
 * flat CSV that parses back (csv-parse) to exactly the expected rows — quotes, commas and
 * Arabic intact — with admin levels, P-codes and points from the place tree.
 */
let given: GivenApp;
let beforeLater: bigint;
beforeEach(async () => {
  ({ given, beforeLater } = await givenClaimsLedger());
});
afterEach(() => given.close());

const exportOf = async (query = '') => {
  const response = await get(given, `/v1/claims/export.csv${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response;
};
const rowsOf = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: true });

const SOURCES = 'UCDP GED sources; Syrian Observatory, "SOHR"';

describe('the CSV', () => {
  it('is text/csv in UTF-8 with a header row of the documented columns, CRLF line ends, no BOM by default', async () => {
    const response = await exportOf();
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="sijill-claims-\d+\.csv"$/);
    expect(response.headers['x-ledger-position']).toBe((await given.head()).toString());
    const [header] = response.body.split('\r\n');
    expect(header).toBe(CLAIMS_CSV_COLUMNS.join(','));
    expect(response.rawPayload[0]).toBe('c'.charCodeAt(0));
  });

  it('parses back to the expected rows: dataset fields, admin levels, points, roles, fatalities, sources, citation', async () => {
    const rows = rowsOf((await exportOf('?includeRetracted=true')).body);
    expect(rows.map((r) => r.claim_id)).toEqual([
      IDS.susaBattle,
      IDS.baghuzKilling,
      IDS.aleppoShelling,
      IDS.qaimBattle,
      IDS.abuKamalRetracted,
      IDS.susaControl,
    ]);
    const row = (id: string) => rows.find((r) => r.claim_id === id);
    expect(row(IDS.susaBattle)).toEqual({
      claim_id: 'ucdp-ged-1',
      kind: 'battle',
      dataset: 'ucdp-ged',
      release: '24.1',
      external_id: '1',
      typology_type: '1',
      typology_sub_type: '',
      date_start: '2017-10-01',
      date_end: '2017-10-20',
      date_precision: 'day',
      place_id: 'al-susa',
      place_name: 'al-Susa',
      place_precision: 'exact',
      pcode: '',
      country: 'Syria',
      country_pcode: 'SY',
      admin1: 'Deir-ez-Zor',
      admin1_pcode: 'SY09',
      admin2: 'Abu Kamal',
      admin2_pcode: 'SY0903',
      admin3: '',
      admin3_pcode: '',
      latitude: '34.54',
      longitude: '40.89',
      side_a: 'Syrian Democratic Forces',
      side_b: 'Islamic State',
      actors: 'Syrian Democratic Forces; Islamic State',
      fatalities_best: '30',
      fatalities_low: '10',
      fatalities_high: '35',
      deaths_side_a: '',
      deaths_side_b: '',
      deaths_civilians: '',
      deaths_unknown: '',
      article_id: 'ucdp-citation-1',
      sources: SOURCES,
      citation: CITATION,
      credibility: '2',
      grade: 'B2',
      retracted: 'false',
      recorded_at: '2024-01-10T08:00:00.000Z',
      updated_at: T1,
    });
    // A village without a point, under a located sub-district: admin3 and its point from the chain.
    expect(row(IDS.baghuzKilling)).toMatchObject({
      admin3: 'Hajin',
      admin3_pcode: 'SY090301',
      latitude: '34.69',
      longitude: '40.83',
      side_a: 'Islamic State',
      side_b: 'Civilians',
      deaths_civilians: '40',
      typology_type: '3',
    });
    expect(row(IDS.aleppoShelling)).toMatchObject({
      dataset: 'acled',
      external_id: 'SYR1',
      typology_type: 'Explosions/Remote violence',
      typology_sub_type: 'Shelling/artillery/missile attack',
      place_precision: 'admin1',
      pcode: 'SY02',
      admin1: 'Aleppo',
      admin2: '',
      fatalities_best: '0',
    });
    // Another country; a district straight under it.
    expect(row(IDS.qaimBattle)).toMatchObject({ country: 'Iraq', country_pcode: 'IQ', admin1: '', admin2: 'Al-Qaim' });
    expect(row(IDS.abuKamalRetracted)).toMatchObject({ retracted: 'true', side_a: '', side_b: '', release: '23.1' });
    // An analyst's claim: no dataset fields, no fatalities.
    expect(row(IDS.susaControl)).toMatchObject({
      dataset: '',
      release: '',
      fatalities_best: '',
      sources: 'Al-Furat Post',
      grade: 'C3',
    });
  });

  it('keeps Arabic as UTF-8 bytes, and quotes fields with commas and quotes (csv-stringify, RFC 4180)', async () => {
    const response = await exportOf('?externalId=2');
    expect(response.rawPayload.includes(Buffer.from('سانا، دير الزور', 'utf8'))).toBe(true);
    expect(response.body).toContain('"Reuters, 2017-10-12; ""SOHR""; سانا، دير الزور"');
    expect(rowsOf(response.body)[0]?.citation).toBe(CITATION);
  });

  it('bom=true starts the file with a UTF-8 byte order mark (for Excel), and it still parses', async () => {
    const response = await exportOf('?bom=true&externalId=2');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rowsOf(response.body).map((r) => r.claim_id)).toEqual([IDS.baghuzKilling]);
  });
});

describe('the filters of GET /v1/claims', () => {
  it('select the same claims as the list, at the same cutoff', async () => {
    for (const query of [
      '?country=syria&fatalitiesMin=1',
      '?actorId=isis&role=side_a',
      '?bbox=40.8,34.6,40.85,34.7',
      `?updatedSince=${T1}&includeRetracted=true`,
      `?asOf=${beforeLater}&fatalitiesMin=12&fatalitiesMax=12`,
      '?dataset=acled&kind=battle',
    ]) {
      const listed = (await get(given, `/v1/claims${query}&limit=1000`)).json().claims.map((c: { claimId: string }) => c.claimId);
      const exported = rowsOf((await exportOf(query)).body).map((r) => r.claim_id);
      expect(exported, query).toEqual(listed);
    }
  });

  it('at a cutoff before release 24.1, a row reads as 23.1 said it', async () => {
    const [row] = rowsOf((await exportOf(`?asOf=${beforeLater}&externalId=1`)).body);
    expect(row).toMatchObject({
      release: '23.1',
      fatalities_best: '12',
      deaths_side_b: '7',
      updated_at: '2024-01-10T08:00:00.000Z',
    });
  });

  it('no match: the header row alone', async () => {
    const response = await exportOf('?dataset=acled&kind=battle');
    expect(response.body).toBe(`${CLAIMS_CSV_COLUMNS.join(',')}\r\n`);
  });

  it.each([
    ['bbox with minLon above maxLon', '?bbox=41,34,40,35', '/bbox'],
    ['fatalitiesMin above fatalitiesMax', '?fatalitiesMin=10&fatalitiesMax=5', '/fatalitiesMax'],
    ['an unknown dataset', '?dataset=gdelt', '/dataset'],
    ['a P-code no place has', '?pcode=SY99', '/pcode'],
    ['a cursor: the export is not paged', '?cursor=abc', '/cursor'],
  ])('refuse a bad filter before the first byte: %s', async (_name, query, field) => {
    const head = await given.head();
    const response = await get(given, `/v1/claims/export.csv${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await given.head()).toBe(head);
  });
});
