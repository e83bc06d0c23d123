import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/builders.js';
import { csvRecords, GED_231, importThroughHttp, toCsv } from '../support/datasets.js';
import { type GivenApp, givenApp, tempDir } from '../support/ledger.js';

/**
 * Issue 11 §4: release A (the real GED 23.1 rows), then release B made from them — a few
 * fatality counts and an end date changed, one row deleted — shows, through REST, the claim as
 * A said it (asOf before B) and as B says it now; re-importing either appends nothing.
 */
let given: GivenApp;
let dir: { dir: string; cleanup: () => Promise<void> };
let releaseB: string;
let afterA: bigint;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  dir = await tempDir('sijill-releases-');
  const rows = await csvRecords(GED_231);
  const changed = rows
    .filter((r) => r.id !== '448810')
    .map((r) => {
      // 300380: two deaths of side B become three; 21300: fourteen become fifteen.
      if (r.id === '300380') return { ...r, best: '3', high: '3', deaths_b: '3' };
      if (r.id === '21300') return { ...r, best: '15', high: '15', low: '14', deaths_b: '15' };
      // 248414 ends a day later.
      if (r.id === '248414') return { ...r, date_end: nextDay(r.date_end!) };
      return r;
    });
  releaseB = join(dir.dir, 'ged-23.2.csv');
  await writeFile(releaseB, toCsv(changed));
  given = await givenApp();
  await importThroughHttp(given, { format: 'ucdp-ged', release: '23.1' }, { file: GED_231 });
  afterA = await given.head();
}, 60_000);
afterAll(async () => {
  await given.close();
  await dir.cleanup();
});

describe('a newer release of the same rows', () => {
  it('appends a correction for each changed row, naming the release and the changed columns', async () => {
    const { job, lines } = await importThroughHttp(given, { format: 'ucdp-ged', release: '23.2' }, { file: releaseB });
    expect(job.counters).toMatchObject({ rowsRead: 999, corrected: 3, claimsRecorded: 0, refused: 13, retracted: 0 });
    expect(job.counters.unchanged).toBe(999 - 13 - 3);
    expect(lines.filter((l) => l.outcome === 'corrected').map((l) => l.externalId)).toEqual(['300380', '21300', '248414']);

    const claim = (await get(given, '/v1/claims/ucdp-ged-300380')).json();
    expect(claim.corrections).toHaveLength(1);
    expect(claim.corrections[0].reason).toBe('UCDP GED 23.2: best 2 → 3; high 2 → 3; deaths_b 2 → 3');
    const ended = (await get(given, '/v1/claims/ucdp-ged-248414')).json();
    expect(ended.corrections[0].reason).toMatch(/^UCDP GED 23\.2: date_end \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}$/);
  });

  it('GET the claim asOf before B shows what A said; without a cutoff, what B says', async () => {
    const asA = (await get(given, `/v1/claims/ucdp-ged-300380?asOf=${afterA}`)).json();
    const now = (await get(given, '/v1/claims/ucdp-ged-300380')).json();
    expect(asA.current.fatalities).toEqual({
      best: 2,
      low: 2,
      high: 2,
      bySide: { sideA: 0, sideB: 2, civilians: 0, unknown: 0 },
    });
    expect(asA.corrections).toEqual([]);
    expect(now.current.fatalities).toEqual({
      best: 3,
      low: 2,
      high: 3,
      bySide: { sideA: 0, sideB: 3, civilians: 0, unknown: 0 },
    });
    expect(BigInt(now.corrections[0].position)).toBeGreaterThan(afterA);
    const endA = (await get(given, `/v1/claims/ucdp-ged-248414?asOf=${afterA}`)).json().current.validTime;
    const endB = (await get(given, '/v1/claims/ucdp-ged-248414')).json().current.validTime;
    expect(endB.end ?? endB.date).toBe(nextDay(endA.end ?? endA.date));
  });

  it('the release’s deletions list retracts, naming the release; asOf before it the claim stands', async () => {
    const before = await given.head();
    const { job, lines } = await importThroughHttp(
      given,
      { format: 'ucdp-ged', release: '23.2', list: 'deletions' },
      { text: 'id\n448810\n999999999\n' },
    );
    expect(job.counters).toMatchObject({ rowsRead: 2, retracted: 1, refused: 1 });
    expect(lines).toEqual([
      { row: 1, externalId: '448810', outcome: 'retracted', streamId: 'claim-ucdp-ged-448810' },
      expect.objectContaining({
        row: 2,
        externalId: '999999999',
        outcome: 'refused',
        reason: expect.stringMatching(/^not_found/),
      }),
    ]);
    const claim = (await get(given, '/v1/claims/ucdp-ged-448810')).json();
    expect(claim.status).toBe('retracted');
    expect(claim.retraction.reason).toBe("UCDP GED 23.2: in the release's deletions list");
    expect((await get(given, `/v1/claims/ucdp-ged-448810?asOf=${before}`)).json().status).toBe('standing');
  });

  it('importing B and its deletions again appends nothing', async () => {
    const head = await given.head();
    const rows = await importThroughHttp(given, { format: 'ucdp-ged', release: '23.2' }, { file: releaseB });
    const deletions = await importThroughHttp(
      given,
      { format: 'ucdp-ged', release: '23.2', list: 'deletions' },
      { text: '448810\n' },
    );
    expect(await given.head()).toBe(head);
    expect(rows.job.counters).toMatchObject({ corrected: 0, claimsRecorded: 0, unchanged: 999 - 13 });
    expect(deletions.job.counters).toMatchObject({ retracted: 0, unchanged: 1 });
  });

  it('re-importing A after B puts nothing of A back: B’s corrections stand, and A’s deletions of them are outdated', async () => {
    const head = await given.head();
    const { job, lines } = await importThroughHttp(given, { format: 'ucdp-ged', release: '23.1' }, { file: GED_231 });
    expect(job.counters).toMatchObject({ corrected: 0, claimsRecorded: 0, outdated: 3, refused: 13 });
    expect(lines.filter((l) => l.outcome === 'outdated')).toEqual(
      ['300380', '21300', '248414'].map((id) => expect.objectContaining({ externalId: id, reason: expect.any(String) })),
    );
    expect(lines.find((l) => l.externalId === '300380')?.reason).toBe(
      'UCDP GED 23.1 is older than 23.2, which the claim reads from',
    );
    const deletions = await importThroughHttp(
      given,
      { format: 'ucdp-ged', release: '23.1', list: 'deletions' },
      { text: '300380\n' },
    );
    expect(deletions.job.counters).toMatchObject({ rowsRead: 1, outdated: 1, retracted: 0 });
    expect(await given.head()).toBe(head);
    expect((await get(given, '/v1/claims/ucdp-ged-300380')).json()).toMatchObject({
      status: 'standing',
      current: { fatalities: { best: 3 } },
    });
  });
});
