import type { GivenApp } from './ledger.js';

/** Request bodies for the worked example's entities, with overridable fields. */
export const aSource = (over: Record<string, unknown> = {}) => ({
  id: 'al-furat-post',
  name: { en: 'Al-Furat Post', ar: 'الفرات بوست', variants: ['Euphrates Post'] },
  kind: 'news_network',
  reliability: 'C',
  ...over,
});

export const aPlace = (over: Record<string, unknown> = {}) => ({
  id: 'al-susa',
  names: { en: 'al-Susa', ar: 'السوسة', variants: ['As-Susah'] },
  kind: 'town',
  location: { lat: 34.54, lon: 40.89, approximate: true },
  ...over,
});

export const anActor = (over: Record<string, unknown> = {}) => ({
  id: 'sdf',
  names: { en: 'Syrian Democratic Forces', ar: 'قوات سوريا الديمقراطية', variants: ['SDF', 'قسد'] },
  kind: 'non_state_armed_group',
  ...over,
});

export const anArticle = (over: Record<string, unknown> = {}) => ({
  id: 'alquds-2018-11-14',
  sourceId: 'al-furat-post',
  title: 'اجتماع أمني إيراني – روسي لرسم خريطة النفوذ في دير الزور',
  language: 'ar',
  publishedAt: '2018-11-14',
  ...over,
});

export const aControlClaim = (over: Record<string, unknown> = {}) => ({
  id: 'sdf-controls-80pct-al-susa',
  articleId: 'alquds-2018-11-14',
  kind: 'control',
  placeId: 'al-susa',
  actorIds: ['sdf'],
  share: 0.8,
  validTime: { date: '2018-11-13' },
  credibility: 3,
  quote: { text: 'السيطرة على 80 بالمئة من بلدة السوسة', language: 'ar' },
  ...over,
});

export const post = (given: GivenApp, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  given.app.inject({ method: 'POST', url, payload: payload as object, headers });

/**
 * GET, once the read models reflect every write so far — what a client does with
 * `minPosition`. Tests of `minPosition` itself call `given.app.inject` directly.
 */
export const get = async (given: GivenApp, url: string, headers: Record<string, string> = {}) => {
  await given.settle();
  return given.app.inject({ method: 'GET', url, headers });
};

/** Given: a source, a place, an actor and an article — enough to record a claim. */
export const givenRegistry = async (given: GivenApp) => {
  for (const [url, body] of [
    ['/v1/sources', aSource()],
    ['/v1/places', aPlace()],
    ['/v1/actors', anActor()],
    [
      '/v1/actors',
      anActor({ id: 'isis', names: { en: 'Islamic State', ar: 'تنظيم الدولة', variants: ['ISIS'] }, kind: 'jihadist_group' }),
    ],
    ['/v1/articles', anArticle()],
  ] as const) {
    const response = await post(given, url, body);
    if (response.statusCode !== 201) throw new Error(`given ${url} failed: ${response.statusCode} ${response.body}`);
  }
};
