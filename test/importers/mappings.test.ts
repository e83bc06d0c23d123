import { describe, expect, it } from 'vitest';
import type { PlaceLookup } from '../../domain/datasets/placeResolution.js';
import { resolvePlace } from '../../domain/datasets/placeResolution.js';
import { releaseChanges, releaseReason } from '../../domain/datasets/releaseDiff.js';
import { slugOf } from '../../domain/datasets/slug.js';
import { ucdpGedEvent } from '../../domain/datasets/ucdpGed.js';
import { csvRecords, GED_191, GED_231 } from '../support/datasets.js';

/** The pure mappings (domain/datasets/), on real rows where there are real rows. */
describe('UCDP GED rows → dataset events', () => {
  it('reads both layouts: 23.1 (49 columns, relid) and 19.1 (42 columns, no relid)', async () => {
    const row231 = (await csvRecords(GED_231)).find((r) => r.id === '300380')!;
    const row191 = (await csvRecords(GED_191)).find((r) => r.id === '209980')!;
    expect(Object.keys(row231)).toHaveLength(49);
    expect(Object.keys(row191)).toHaveLength(42); // SOURCES.md says 43; the file's header has 42
    const a = ucdpGedEvent(row231);
    const b = ucdpGedEvent(row191);
    expect(a.ok && a.event).toMatchObject({
      externalId: '300380',
      kind: 'battle',
      place: { country: 'Syria', adm1: 'Idlib governorate', adm2: 'Ariha district', site: 'Rami village', precision: 'exact' },
      article: { id: 'ucdp-ged-300380', sources: ['Support Kurds in Syria', 'VDC'], publishedAt: '2013-01-03' },
      credibility: 2,
    });
    // 19.1: two days (date_prec 2, a week at most: approximate), low 1 ≤ best 1 ≤ high 30.
    expect(b.ok && b.event).toMatchObject({
      externalId: '209980',
      validTime: { date: '2015-05-11', end: '2015-05-12', approximate: true },
      fatalities: { best: 1, low: 1, high: 30, bySide: { sideA: 0, sideB: 1, civilians: 0, unknown: 0 } },
      precision: { place: 'near', date: 'week', coded: { scheme: 'ucdp-ged', where: 2, date: 2 } },
      actors: [
        { name: 'Government of Myanmar (Burma)', kind: 'government', role: 'side_a' },
        { name: 'MNDAA', kind: 'non_state_armed_group', role: 'side_b' },
      ],
    });
  });

  it('names every problem of a row by its column', () => {
    const mapped = ucdpGedEvent({
      id: '1',
      type_of_violence: '4',
      where_prec: '1',
      date_prec: '1',
      date_start: '2020-02-30',
      date_end: '2020-03-01',
      best: 'x',
      country: 'Syria',
      side_a: 'A',
      side_b: 'B',
    });
    expect(mapped.ok).toBe(false);
    expect(!mapped.ok && mapped.problems.map((p) => p.field)).toEqual(['type_of_violence', 'date_start', 'best']);
  });
});

describe('release differences', () => {
  const a = {
    placeId: 'sy07',
    actorIds: ['x'],
    validTime: { date: '2013-01-03', approximate: false },
    fatalities: { best: 2, high: 2 },
  };
  it('say nothing when the release says the same', () => {
    expect(releaseChanges('ucdp-ged', a, structuredClone(a))).toBeUndefined();
  });
  it('give the changed fields whole and name the columns, in the reason that names the release', () => {
    const b = {
      ...a,
      validTime: { date: '2013-01-03', end: '2013-01-04', approximate: false },
      fatalities: { best: 3, high: 3 },
    };
    const diff = releaseChanges('ucdp-ged', a, b)!;
    expect(diff.changes).toEqual({ validTime: b.validTime, fatalities: b.fatalities });
    expect(releaseReason('ucdp-ged', '23.2', diff.described)).toBe(
      'UCDP GED 23.2: best 2 → 3; high 2 → 3; date_end (none) → 2013-01-04',
    );
  });
});

describe('places outside any gazetteer', () => {
  const empty: PlaceLookup = {
    has: () => false,
    kindOf: () => undefined,
    parentOf: () => undefined,
    countryNamed: () => undefined,
    containing: () => undefined,
    nearest: () => undefined,
    childNamed: () => undefined,
    within: () => false,
    unitNamed: () => undefined,
  };
  it('are made from the row’s names, country > adm_1 > adm_2 > the site, with deterministic ids', () => {
    const hint = {
      country: 'Myanmar (Burma)',
      adm1: 'Shan State',
      adm2: 'Laukkaing District',
      site: 'Laukkaing Town',
      point: { lat: 23.69, lon: 98.77 },
      precision: 'near' as const,
    };
    const resolved = resolvePlace(hint, empty);
    expect(resolved).toEqual({
      placeId: 'myanmar-burma-shan-state-laukkaing-district-laukkaing-town',
      by: 'name',
      register: [
        { id: 'myanmar-burma', names: { en: 'Myanmar (Burma)', variants: [] }, kind: 'country' },
        {
          id: 'myanmar-burma-shan-state',
          names: { en: 'Shan State', variants: [] },
          kind: 'governorate',
          parentId: 'myanmar-burma',
        },
        {
          id: 'myanmar-burma-shan-state-laukkaing-district',
          names: { en: 'Laukkaing District', variants: [] },
          kind: 'district',
          parentId: 'myanmar-burma-shan-state',
        },
        {
          id: 'myanmar-burma-shan-state-laukkaing-district-laukkaing-town',
          names: { en: 'Laukkaing Town', variants: [] },
          kind: 'town',
          parentId: 'myanmar-burma-shan-state-laukkaing-district',
          location: { lat: 23.69, lon: 98.77, approximate: true },
        },
      ],
    });
    expect(resolvePlace({ ...hint, precision: 'admin1' }, empty)).toMatchObject({ placeId: 'myanmar-burma-shan-state' });
    expect(resolvePlace({ ...hint, precision: 'unknown' }, empty)).toMatchObject({ placeId: 'myanmar-burma' });
  });
  it('fold names to ASCII for their ids', () => {
    expect(slugOf('Şemdinli')).toBe('semdinli');
    expect(slugOf('Côte d’Ivoire')).toBe('cote-d-ivoire');
  });
});
