import { aControlClaim, anActor, anArticle, aPlace, aSource, post } from './builders.js';
import { type GivenApp, givenApp } from './ledger.js';

/**
 * A small ledger for the claims list and its CSV export (issue 11, item 5), built through
 * REST on a clock the test moves: a country > governorate > district > sub-district tree with
 * P-codes (and a village without a point, under a located sub-district), a second country,
 * dataset rows carrying fatalities, roles, typology and provenance, an analyst's control
 * claim without fatalities, and a later release that corrects, corroborates, disputes and
 * retracts. Times: everything at {@link T0}; the later release at {@link T1}.
 */
export const T0 = '2024-01-10T08:00:00.000Z';
export const T1 = '2024-02-10T08:00:00.000Z';

export const ucdp = (externalId: string, release = '23.1') =>
  ({ kind: 'dataset', dataset: 'ucdp-ged', release, externalId }) as const;
export const acled = (externalId: string) => ({ kind: 'dataset', dataset: 'acled', release: '2024-01-09', externalId }) as const;

/** The citation of the dataset article: a comma, double quotes and Arabic, as datasets cite. */
export const CITATION = 'Reuters, 2017-10-12; "SOHR"; سانا، دير الزور';

export const datasetArticle = {
  id: 'ucdp-citation-1',
  sourceId: 'ucdp-sources',
  additionalSourceIds: ['sohr'],
  language: 'en',
  citation: CITATION,
};

/** Claim ids in recording order. */
export const IDS = {
  susaBattle: 'ucdp-ged-1',
  baghuzKilling: 'ucdp-ged-2',
  aleppoShelling: 'acled-syr1',
  qaimBattle: 'ucdp-ged-3',
  abuKamalRetracted: 'ucdp-ged-4',
  susaControl: 'sdf-controls-80pct-al-susa',
} as const;

const battle = (over: Record<string, unknown>) => ({
  articleId: datasetArticle.id,
  kind: 'battle',
  credibility: 2,
  precision: { place: 'exact', date: 'day', coded: { scheme: 'ucdp-ged', where: 1, date: 1 } },
  typology: { scheme: 'ucdp-ged', type: '1' },
  ...over,
});

export const REQUESTS: [string, unknown][] = [
  ['/v1/sources', aSource()],
  [
    '/v1/sources',
    aSource({ id: 'ucdp-sources', name: { en: 'UCDP GED sources', variants: [] }, kind: 'monitor', reliability: 'C' }),
  ],
  [
    '/v1/sources',
    aSource({
      id: 'sohr',
      name: { en: 'Syrian Observatory, "SOHR"', ar: 'المرصد السوري لحقوق الإنسان', variants: [] },
      kind: 'monitor',
      reliability: 'B',
    }),
  ],
  [
    '/v1/places',
    aPlace({
      id: 'syria',
      names: { en: 'Syria', ar: 'سوريا', variants: [] },
      kind: 'country',
      pcode: 'SY',
      location: { lat: 35, lon: 38 },
    }),
  ],
  [
    '/v1/places',
    aPlace({
      id: 'deir-ez-zor',
      names: { en: 'Deir-ez-Zor', ar: 'دير الزور', variants: [] },
      kind: 'governorate',
      parentId: 'syria',
      pcode: 'SY09',
      location: { lat: 35.33, lon: 40.14 },
    }),
  ],
  [
    '/v1/places',
    aPlace({
      id: 'abu-kamal',
      names: { en: 'Abu Kamal', ar: 'البوكمال', variants: [] },
      kind: 'district',
      parentId: 'deir-ez-zor',
      pcode: 'SY0903',
      location: { lat: 34.45, lon: 40.92 },
    }),
  ],
  [
    '/v1/places',
    aPlace({
      id: 'hajin',
      names: { en: 'Hajin', ar: 'هجين', variants: [] },
      kind: 'subdistrict',
      parentId: 'abu-kamal',
      pcode: 'SY090301',
      location: { lat: 34.69, lon: 40.83 },
    }),
  ],
  [
    '/v1/places',
    aPlace({
      id: 'al-baghuz',
      names: { en: 'al-Baghuz', ar: 'الباغوز', variants: [] },
      kind: 'village',
      parentId: 'hajin',
      location: undefined,
    }),
  ],
  ['/v1/places', aPlace({ parentId: 'abu-kamal' })],
  [
    '/v1/places',
    aPlace({
      id: 'aleppo',
      names: { en: 'Aleppo', ar: 'حلب', variants: [] },
      kind: 'governorate',
      parentId: 'syria',
      pcode: 'SY02',
      location: { lat: 36.2, lon: 37.16 },
    }),
  ],
  [
    '/v1/places',
    aPlace({
      id: 'iraq',
      names: { en: 'Iraq', ar: 'العراق', variants: [] },
      kind: 'country',
      pcode: 'IQ',
      location: { lat: 33, lon: 44 },
    }),
  ],
  [
    '/v1/places',
    aPlace({
      id: 'al-qaim',
      names: { en: 'Al-Qaim', ar: 'القائم', variants: [] },
      kind: 'district',
      parentId: 'iraq',
      location: { lat: 34.37, lon: 41.09 },
    }),
  ],
  ['/v1/actors', anActor()],
  [
    '/v1/actors',
    anActor({ id: 'isis', names: { en: 'Islamic State', ar: 'تنظيم الدولة', variants: ['IS'] }, kind: 'jihadist_group' }),
  ],
  [
    '/v1/actors',
    anActor({
      id: 'syrian-army',
      names: { en: 'Syrian Arab Army', ar: 'الجيش العربي السوري', variants: [] },
      kind: 'state_military',
    }),
  ],
  ['/v1/actors', anActor({ id: 'civilians', names: { en: 'Civilians', ar: 'مدنيون', variants: [] }, kind: 'civilians' })],
  ['/v1/articles', anArticle()],
  ['/v1/articles', datasetArticle],
  [
    '/v1/claims',
    battle({
      placeId: 'al-susa',
      actorIds: ['sdf', 'isis'],
      actorRoles: [
        { actorId: 'sdf', role: 'side_a' },
        { actorId: 'isis', role: 'side_b' },
      ],
      validTime: { date: '2017-10-01', end: '2017-10-20' },
      fatalities: { best: 12, low: 10, high: 15, bySide: { sideA: 4, sideB: 7, civilians: 1, unknown: 0 } },
      provenance: ucdp('1'),
    }),
  ],
  [
    '/v1/claims',
    battle({
      kind: 'killing',
      placeId: 'al-baghuz',
      actorIds: ['isis', 'civilians'],
      actorRoles: [
        { actorId: 'isis', role: 'side_a' },
        { actorId: 'civilians', role: 'side_b' },
      ],
      validTime: { date: '2018-02-10' },
      fatalities: { best: 40, bySide: { civilians: 40 } },
      typology: { scheme: 'ucdp-ged', type: '3' },
      provenance: ucdp('2'),
    }),
  ],
  [
    '/v1/claims',
    battle({
      kind: 'attack',
      placeId: 'aleppo',
      actorIds: ['syrian-army'],
      actorRoles: [{ actorId: 'syrian-army', role: 'side_a' }],
      validTime: { date: '2019-05-03' },
      fatalities: { best: 0 },
      precision: { place: 'admin1', date: 'day', coded: { scheme: 'acled', where: 3, date: 1 } },
      typology: { scheme: 'acled', type: 'Explosions/Remote violence', subType: 'Shelling/artillery/missile attack' },
      provenance: acled('SYR1'),
    }),
  ],
  [
    '/v1/claims',
    battle({
      placeId: 'al-qaim',
      actorIds: ['isis', 'sdf'],
      actorRoles: [
        { actorId: 'isis', role: 'side_a' },
        { actorId: 'sdf', role: 'side_b' },
      ],
      validTime: { date: '2017-11-05' },
      fatalities: { best: 3 },
      provenance: ucdp('3'),
    }),
  ],
  [
    '/v1/claims',
    battle({
      placeId: 'abu-kamal',
      actorIds: ['isis', 'syrian-army'],
      validTime: { date: '2017-11-08' },
      fatalities: { best: 5 },
      provenance: ucdp('4'),
    }),
  ],
  ['/v1/claims', aControlClaim()],
];

/** At T1, release 24.1 and analysts: a correction, a corroboration, a dispute and a retraction. */
export const LATER: [string, unknown][] = [
  [
    `/v1/claims/${IDS.susaBattle}/corrections`,
    {
      changes: { fatalities: { best: 30, low: 10, high: 35 } },
      reason: 'UCDP GED 24.1: best 12 → 30',
      provenance: ucdp('1', '24.1'),
    },
  ],
  [`/v1/claims/${IDS.baghuzKilling}/corroborations`, { articleId: 'alquds-2018-11-14' }],
  [`/v1/claims/${IDS.susaControl}/disputes`, { reason: 'ISIS media deny it' }],
  [`/v1/claims/${IDS.abuKamalRetracted}/retractions`, { reason: 'UCDP GED 24.1: row deleted', provenance: ucdp('4', '24.1') }],
];

/** The app on a clock the test sets (`clock.now = …`). */
export const givenClaimsApp = async () => {
  const clock = { now: T0 };
  const given = await givenApp({}, { now: () => new Date(clock.now) });
  return { given, clock };
};

export const postAll = async (given: GivenApp, requests: [string, unknown][]) => {
  for (const [url, body] of requests) {
    const response = await post(given, url, body);
    if (response.statusCode !== 201) throw new Error(`given ${url} failed: ${response.statusCode} ${response.body}`);
  }
};

/** Given the ledger at T0, then release 24.1 at T1; returns the head after T0's writes. */
export const givenClaimsLedger = async () => {
  const { given, clock } = await givenClaimsApp();
  await postAll(given, REQUESTS);
  const beforeLater = await given.head();
  clock.now = T1;
  await postAll(given, LATER);
  return { given, clock, beforeLater };
};
