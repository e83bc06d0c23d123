import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/builders.js';
import { BOUNDARIES, csvRecords, GAZETTEER, GED_191, GED_231, importThroughHttp } from '../support/datasets.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Issue 11 acceptance on the real public files (../shared/realdata, SOURCES.md): the OCHA
 * COD-AB Syria gazetteer, then all 4,194 UCDP GED rows (1,000 of release 23.1 in its 49-column
 * layout, 3,194 of 19.1 in its 43-column layout), through the HTTP job as an admin would.
 */
let given: GivenApp;
let imported: Record<string, Awaited<ReturnType<typeof importThroughHttp>>>;

beforeAll(async () => {
  given = await givenApp({ SIJILL_BOUNDARIES: BOUNDARIES });
  imported = {
    gazetteer: await importThroughHttp(given, { format: 'gazetteer', release: '2020-12-17' }, { file: GAZETTEER }),
    ged231: await importThroughHttp(given, { format: 'ucdp-ged', release: '23.1' }, { file: GED_231 }),
    ged191: await importThroughHttp(given, { format: 'ucdp-ged', release: '19.1' }, { file: GED_191 }),
  };
  for (const [name, { job, seconds }] of Object.entries(imported)) {
    process.stdout.write(
      `${name}: ${job.counters.rowsRead} rows in ${seconds.toFixed(2)} s (${Math.round(job.counters.rowsRead / seconds)} rows/s)\n`,
    );
  }
}, 120_000);
afterAll(() => given.close());

/** Rows whose fatality estimates contradict each other: the codebook has low ≤ best ≤ high. */
const outOfOrder = (r: Record<string, string>) => Number(r.low) > Number(r.best) || Number(r.high) < Number(r.best);

describe('importing the real files', () => {
  it('registers the 762 gazetteer places under the country SY, refusing none', () => {
    const { job, lines } = imported.gazetteer!;
    expect(job.status).toBe('succeeded');
    expect(job.counters).toMatchObject({ rowsRead: 762, refused: 0, entitiesRegistered: 763 });
    expect(lines).toHaveLength(762);
  });

  it('imports all 4,194 UCDP rows; the only refusals are the rows whose low/best/high contradict, each with its reason', async () => {
    for (const [key, file] of [
      ['ged231', GED_231],
      ['ged191', GED_191],
    ] as const) {
      const { job, lines } = imported[key]!;
      const rows = await csvRecords(file);
      expect(job.status).toBe('succeeded');
      expect(job.counters.rowsRead).toBe(rows.length);
      expect(lines).toHaveLength(rows.length);
      const genuine = rows.flatMap((r, i) => (outOfOrder(r) ? [{ row: i + 1, externalId: r.id }] : []));
      const refusals = lines.filter((l) => l.outcome === 'refused');
      expect(refusals.map(({ row, externalId }) => ({ row, externalId }))).toEqual(genuine);
      for (const refusal of refusals) {
        const r = rows[refusal.row - 1]!;
        expect(refusal.field).toBe(Number(r.low) > Number(r.best) ? 'low' : 'high');
        expect(refusal.reason).toBe(
          Number(r.low) > Number(r.best) ? `low ${r.low} is above best ${r.best}` : `high ${r.high} is below best ${r.best}`,
        );
      }
      expect(job.counters.refused).toBe(genuine.length);
      const { claimsRecorded, corrected, unchanged, outdated } = job.counters;
      expect(claimsRecorded + corrected + unchanged + outdated).toBe(rows.length - genuine.length);
    }
    // 19.1 came after 23.1: the three ids both hold stay as 23.1 says them (outdated, not corrected back).
    expect(imported.ged191!.job.counters).toMatchObject({ corrected: 0, outdated: 3 });
    // 13 of release 23.1 and 6 of 19.1, listed in the report: 4,175 of 4,194 rows are claims.
    expect(imported.ged231!.job.counters.refused + imported.ged191!.job.counters.refused).toBe(19);
  });

  it('keeps what the row carries: period, fatalities by side, roles, precision codes, typology, provenance, article', async () => {
    const claim = (await get(given, '/v1/claims/ucdp-ged-300380')).json();
    expect(claim.provenance).toEqual({ kind: 'dataset', dataset: 'ucdp-ged', release: '23.1', externalId: '300380' });
    expect(claim.kind).toBe('battle');
    expect(claim.current).toMatchObject({
      actorIds: ['government-of-syria', 'syrian-insurgents'],
      actorRoles: [
        { actorId: 'government-of-syria', role: 'side_a' },
        { actorId: 'syrian-insurgents', role: 'side_b' },
      ],
      validTime: { date: '2013-01-03', approximate: false },
      fatalities: { best: 2, low: 2, high: 2, bySide: { sideA: 0, sideB: 2, civilians: 0, unknown: 0 } },
      precision: { place: 'exact', date: 'day', coded: { scheme: 'ucdp-ged', where: 1, date: 1 } },
      typology: { scheme: 'ucdp-ged', type: '1' },
    });
    const article = (await get(given, `/v1/articles/${claim.articleId}`)).json();
    expect(article).toMatchObject({ id: 'ucdp-ged-300380', title: 'Thursday 3 January 2013', publishedAt: '2013-01-03' });
    // A row that spans days keeps its end; one with date_prec > 1 is approximate.
    const rows = await csvRecords(GED_231);
    const spanning = rows.find((r) => r.date_end !== r.date_start && r.date_prec !== '1' && !outOfOrder(r))!;
    const period = (await get(given, `/v1/claims/ucdp-ged-${spanning.id}`)).json();
    expect(period.current.validTime).toEqual({ date: spanning.date_start, end: spanning.date_end, approximate: true });
  });

  it('a second run of the same files appends nothing: the log head does not move', async () => {
    const head = await given.head();
    const again = await importThroughHttp(given, { format: 'ucdp-ged', release: '19.1' }, { file: GED_191 });
    const gazetteer = await importThroughHttp(given, { format: 'gazetteer', release: '2020-12-17' }, { file: GAZETTEER });
    expect(await given.head()).toBe(head);
    expect(again.job.counters).toMatchObject({ claimsRecorded: 0, corrected: 0, entitiesRegistered: 0, refused: 6, outdated: 3 });
    expect(again.job.counters.unchanged).toBe(3194 - 6 - 3);
    expect(gazetteer.job.counters).toMatchObject({ unchanged: 762, entitiesRegistered: 0 });
  }, 60_000);
});

describe('Syrian rows land under the right COD-AB governorate and district', () => {
  /** UCDP id → the COD-AB names (level adm1, adm2) of its governorate and district, as UCDP's adm_1/adm_2 name them. */
  const SAMPLE: Record<string, [string, string]> = {
    '300380': ['Idleb', 'Ariha'], // Rami village; UCDP: Idlib governorate, Ariha district
    '448810': ['Ar-Raqqa', 'Tell Abiad'], // UCDP: Ar Raqqah governorate, Tall Abyad district
    '298296': ['Rural Damascus', 'Qatana'], // UCDP: Rif Dimashq governorate, Qatana district
    '349664': ['Idleb', "Al Ma'ra"], // UCDP: Maarat al-Numaan district
    '301611': ['Al-Hasakeh', 'Ras Al Ain'], // UCDP: Al Hasakah governorate, Ras al Ayn district
    '363818': ['Idleb', 'Jisr-Ash-Shugur'], // UCDP: Jisr ash Shughur district
    '320214': ['Hama', 'As-Salamiyeh'], // UCDP: Hamah governorate, Salamiyah district
    '376220': ['Lattakia', 'Al-Haffa'], // UCDP: Latakia governorate, Al Haffah district
  };

  it('the place of each sampled row has the P-codes the gazetteer gives its governorate and district', async () => {
    const gazetteer = await csvRecords(GAZETTEER);
    const pcodeOf = (level: string, name: string, parent?: string) =>
      gazetteer.find((p) => p.level === level && p.name_en === name && (parent === undefined || p.parent_pcode === parent))
        ?.pcode;
    for (const [id, [governorate, district]] of Object.entries(SAMPLE)) {
      const adm1 = pcodeOf('adm1', governorate);
      const adm2 = pcodeOf('adm2', district, adm1);
      expect(adm1, governorate).toBeDefined();
      expect(adm2, district).toBeDefined();
      const claim = (await get(given, `/v1/claims/ucdp-ged-${id}`)).json();
      const pcodes: string[] = [];
      for (let placeId = claim.current.placeId; placeId; ) {
        const place = (await get(given, `/v1/places/${placeId}`)).json();
        if (place.pcode) pcodes.push(place.pcode);
        placeId = place.parentId;
      }
      expect(pcodes, id).toContain(adm1);
      expect(pcodes, id).toContain(adm2);
      expect(pcodes.at(-1), id).toBe('SY');
    }
  });

  it('a row coded to its governorate (where_prec 4) is that governorate itself', async () => {
    const claim = (await get(given, '/v1/claims/ucdp-ged-321880')).json();
    expect(claim.current.precision).toMatchObject({ place: 'admin1', coded: { where: 4 } });
    const place = (await get(given, `/v1/places/${claim.current.placeId}`)).json();
    expect(place).toMatchObject({ kind: 'governorate', pcode: 'SY12' });
  });
});
