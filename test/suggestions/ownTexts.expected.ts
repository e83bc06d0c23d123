import type { ExpectedClaim } from './seedArticle.expected.js';

/**
 * Two short texts of this project's own writing (issue 15 §5), in Arabic and in English,
 * covering the kinds the seed article does not (arrest, attack, deployment) and the forms
 * it does not use (a weekday, "last week", a percentage in words, "according to", "said").
 * Written with their expected claims before the rules were run on them; both are read
 * against the worked example's registry, published Wednesday 14 November 2018.
 */
export const ARABIC_TEXT = [
  'اعتقلت قوات سوريا الديمقراطية، أمس، ثلاثة عناصر من تنظيم الدولة في بلدة السوسة، بحسب شبكة الفرات بوست.',
  'وشنّت مقاتلات التحالف الدولي غارات جوية على مدينة البوكمال يوم الاثنين.',
  'وهاجم تنظيم داعش مواقع لقوات النظام السوري قرب الميادين.',
  'كما انسحبت الميليشيات الإيرانية من حي الجمعيات لصالح الجيش الروسي قبل أسابيع.',
  'وأعلن مجلس دير الزور العسكري السيطرة على ثمانين بالمئة من بلدة محكان.',
].join('\n');

export const ARABIC_EXPECTED: readonly ExpectedClaim[] = [
  {
    label: 'SDF arrest ISIS members in al-Susa yesterday (according to Al-Furat Post)',
    kind: 'arrest',
    places: ['al-susa'],
    actors: ['sdf'],
    date: '2018-11-13',
    dateWithinDays: 0,
    controlAffecting: false,
  },
  {
    label: 'Coalition air strikes on Al-Bukamal on Monday',
    kind: 'airstrike',
    places: ['al-bukamal'],
    actors: ['international-coalition'],
    date: '2018-11-12',
    dateWithinDays: 0,
    controlAffecting: false,
  },
  {
    label: 'ISIS attacks government positions near al-Mayadin',
    kind: 'attack',
    places: ['al-mayadin'],
    actors: ['isis'],
    date: '2018-11-14',
    dateWithinDays: 1,
    controlAffecting: false,
  },
  {
    label: 'Iran-backed militias withdraw from Hay al-Jamiyat in favour of the Russian army, weeks ago',
    kind: 'withdrawal',
    places: ['hay-al-jamiyat'],
    actors: ['irgc-backed-militias'],
    inFavourOf: 'russian-armed-forces',
    date: '2018-10-24',
    dateWithinDays: 31,
    controlAffecting: true,
  },
  {
    label: 'Deir ez-Zor Military Council: control of eighty per cent of Mahkan',
    kind: 'control',
    places: ['mahkan'],
    actors: ['deir-ez-zor-military-council'],
    share: 0.8,
    date: '2018-11-14',
    dateWithinDays: 1,
    controlAffecting: true,
  },
];

export const ENGLISH_TEXT = [
  'Russian army units deployed in al-Mayadin on Monday, according to Al-Furat Post.',
  'Officers of the IRGC met commanders of the National Defence Forces in Al-Bukamal yesterday.',
  'ISIS fighters killed two SDF members near al-Susa last week.',
  'The SDF captured 60 percent of Mahkan, SDF media said.',
  'Syrian government ministers visited Deir ez-Zor on 12 November 2018.',
].join(' ');

export const ENGLISH_EXPECTED: readonly ExpectedClaim[] = [
  {
    label: 'Russian army deploys in al-Mayadin on Monday (according to Al-Furat Post)',
    kind: 'deployment',
    places: ['al-mayadin'],
    actors: ['russian-armed-forces'],
    date: '2018-11-12',
    dateWithinDays: 0,
    controlAffecting: false,
  },
  {
    label: 'IRGC officers meet NDF commanders in Al-Bukamal yesterday',
    kind: 'meeting',
    places: ['al-bukamal'],
    actors: ['irgc', 'ndf'],
    date: '2018-11-13',
    dateWithinDays: 0,
    controlAffecting: false,
  },
  {
    label: 'ISIS kills SDF members near al-Susa last week',
    kind: 'killing',
    places: ['al-susa'],
    actors: ['isis'],
    date: '2018-11-07',
    dateWithinDays: 3,
    controlAffecting: false,
  },
  {
    label: 'SDF captures 60% of Mahkan (SDF media)',
    kind: 'control',
    places: ['mahkan'],
    actors: ['sdf'],
    share: 0.6,
    date: '2018-11-14',
    dateWithinDays: 1,
    controlAffecting: true,
  },
  {
    label: 'Government ministers visit Deir ez-Zor on 12 November',
    kind: 'visit',
    places: ['deir-ez-zor', 'deir-ez-zor-governorate'],
    actors: ['syrian-government'],
    date: '2018-11-12',
    dateWithinDays: 0,
    controlAffecting: false,
  },
];
