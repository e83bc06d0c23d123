import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

let given: GivenApp;
let beforeCorrection: string;
beforeAll(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
  beforeCorrection = (await given.head()).toString();
  const corrected = await post(given, '/v1/claims/sdf-controls-80pct-al-susa/corrections', {
    changes: { share: 0.7, validTime: { date: '2018-11-12', approximate: false } },
    reason: 'figure revised',
  });
  expect(corrected.statusCode).toBe(201);
});
afterAll(() => given.close());

type Entry = { claimId: string; validStart: string; share?: number; grade: string | null; corrected: boolean };
const entries = async (url: string): Promise<Entry[]> => {
  const response = await get(given, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().entries;
};

describe('GET /v1/timeline', () => {
  it('orders the claims of a place and its descendants by valid time, stably', async () => {
    const all = await entries('/v1/timeline?place=abu-kamal-district');
    expect(all.map((e) => e.claimId)).toEqual([
      'isis-holds-al-susa-2018-10',
      'irgc-russia-meeting-al-bukamal',
      'sdf-controls-80pct-al-susa',
      'coalition-airstrikes-al-susa',
    ]);
    expect(all.map((e) => e.validStart)).toEqual(['2018-10-01', '2018-11-01', '2018-11-12', '2018-11-13']);
    const only = await entries('/v1/timeline?place=abu-kamal-district&descendants=false');
    expect(only).toEqual([]);
  });

  it('shows each claim as known at the cutoff: before and after a correction', async () => {
    const [before] = await entries(`/v1/timeline?place=al-susa&kind=control&asOf=${beforeCorrection}&from=2018-11`);
    expect(before).toMatchObject({
      claimId: 'sdf-controls-80pct-al-susa',
      share: 0.8,
      validStart: '2018-11-13',
      corrected: false,
    });
    const [after] = await entries('/v1/timeline?place=al-susa&kind=control&from=2018-11');
    expect(after).toMatchObject({ claimId: 'sdf-controls-80pct-al-susa', share: 0.7, validStart: '2018-11-12', corrected: true });
  });

  it('knows nothing before the first event was recorded', async () => {
    expect(await entries('/v1/timeline?knownAt=2000-01-01T00:00:00Z')).toEqual([]);
  });

  it('filters by actor, kind, dates and grade', async () => {
    expect((await entries('/v1/timeline?actor=russian-armed-forces')).map((e) => e.claimId)).toEqual([
      'irgc-militias-leave-al-mayadin',
      'irgc-militias-leave-mahkan',
      'russian-units-deploy-al-mayadin',
      'irgc-russia-meeting-al-bukamal',
    ]);
    expect((await entries('/v1/timeline?kind=visit&from=2018-11-13&to=2018-11')).map((e) => e.claimId)).toEqual([
      'ministers-visit-deir-ez-zor',
      'ministers-visit-raqqa',
    ]);
    // A claim is graded by its article's source (Al-Quds Al-Arabi, B) and its own credibility.
    const b3 = await entries('/v1/timeline?minGrade=B3');
    expect(new Set(b3.map((e) => e.grade))).toEqual(new Set(['B2', 'B3']));
    expect(b3).toHaveLength(10);
    const b2 = await entries('/v1/timeline?minGrade=B2');
    expect(b2.map((e) => e.claimId)).toEqual(['ministers-visit-deir-ez-zor', 'ministers-visit-raqqa']);
    expect(await entries('/v1/timeline?minGrade=A3')).toEqual([]);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const all = (await entries('/v1/timeline?limit=1000')).map((e) => e.claimId);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(given, `/v1/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const page: { entries: Entry[]; next: string | null } = response.json();
      paged.push(...page.entries.map((e) => e.claimId));
      cursor = page.next;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all).toHaveLength(10);
  });

  it('rejects a bad cursor and an unknown place precisely', async () => {
    const bad = await get(given, '/v1/timeline?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_cursor');
    expect((await get(given, '/v1/timeline?place=atlantis')).statusCode).toBe(404);
    expect((await get(given, '/v1/timeline?from=2018-02-30')).statusCode).toBe(400);
  });

  it('refuses a cursor asked with other filters than its first page (400 invalid_cursor), and pages on with the same', async () => {
    const first = (await get(given, '/v1/timeline?kind=visit,meeting&limit=1')).json();
    expect(first.next).toEqual(expect.any(String));
    for (const query of ['kind=visit', 'kind=visit,meeting&minGrade=B3', 'place=deir-ez-zor-governorate&kind=visit,meeting']) {
      const response = await get(given, `/v1/timeline?${query}&limit=1&cursor=${first.next}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ code: 'invalid_cursor', errors: [{ field: '/cursor' }] });
    }
    expect((await get(given, `/v1/timeline?limit=5&kind=visit,meeting&cursor=${first.next}`)).statusCode).toBe(200);
  });
});
