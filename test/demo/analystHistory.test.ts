import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { loadAnalystHistory } from '../../services/demo/loadAnalystHistory.js';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * The demo ledger holds a correction and a retraction (issue 10 §6), so what the ledger knew
 * before each fix differs from what it knows now — the README's `asOf`/`knownAt`/`minGrade`
 * examples show it on `npm run demo`.
 */
let given: GivenApp;
let base: bigint;
beforeAll(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
  base = await given.head();
  await loadAnalystHistory(given.store);
});
afterAll(() => given.close());

const json = async (url: string) => {
  const response = await get(given, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('the analyst history on top of the worked example', () => {
  it('appends two claims, then a correction, then a retraction, each later; a second load appends nothing', async () => {
    expect(await given.head()).toBe(base + 4n);
    const events = (await json(`/v1/events?after=${base}`)).events.map((e: { type: string }) => e.type);
    expect(events).toEqual(['ClaimRecorded', 'ClaimRecorded', 'ClaimCorrected', 'ClaimRetracted']);
    expect(await loadAnalystHistory(given.store)).toEqual({ appended: 0, unchanged: 4 });
    expect(await given.head()).toBe(base + 4n);
  });

  it('the timeline before the correction shows the deployment on the day of the meeting, now weeks earlier', async () => {
    const before = await json(`/v1/timeline?place=mahkan&kind=deployment&asOf=${base + 2n}`);
    const now = await json('/v1/timeline?place=mahkan&kind=deployment');
    expect(before.entries.map((e: { validStart: string }) => e.validStart)).toEqual(['2018-11-13']);
    expect(now.entries.map((e: { validStart: string; corrected: boolean }) => [e.validStart, e.corrected])).toEqual([
      ['2018-10-01', true],
    ]);
  });

  it('knownAt just before the correction answers as asOf before it does', async () => {
    const claim = await json('/v1/claims/russian-units-deploy-mahkan');
    const correctedAt = Date.parse(claim.corrections[0].recordedAt);
    const knownAt = new Date(correctedAt - 1).toISOString();
    const before = await json(`/v1/timeline?place=mahkan&kind=deployment&knownAt=${knownAt}`);
    // Two appends in one millisecond would make this instant precede the claim too: then there is no entry at all.
    const starts = before.entries.map((e: { validStart: string }) => e.validStart);
    expect(starts.length === 0 || starts[0] === '2018-11-13').toBe(true);
  });

  it('Mahkan was held by Russian forces as known before the retraction, and is unknown now', async () => {
    const before = await json(`/v1/places/mahkan/control?at=2018-11-14&asOf=${base + 3n}`);
    expect(before).toMatchObject({ status: 'controlled', controller: 'russian-armed-forces', grade: 'B4' });
    const now = await json('/v1/places/mahkan/control?at=2018-11-14');
    expect(now).toMatchObject({ status: 'unknown', controller: null });
  });

  it('well-graded only (minGrade=B3) never showed the doubtful reading, and still shows al-Susa', async () => {
    const before = await json(`/v1/places/mahkan/control?at=2018-11-14&asOf=${base + 3n}&minGrade=B3`);
    expect(before.status).toBe('unknown');
    const graded = await json('/v1/control?at=2018-11-14&minGrade=B3');
    expect(graded.places.map((p: { placeId: string; status: string }) => [p.placeId, p.status])).toEqual([
      ['al-susa', 'contested'],
    ]);
    const strict = await json('/v1/control?at=2018-11-14&minGrade=B2');
    expect(strict.places).toEqual([]);
  });
});
