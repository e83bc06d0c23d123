import type { RegisterActor } from '../../domain/actors/commands.js';
import type { RecordArticle } from '../../domain/articles/commands.js';
import type { RecordClaim } from '../../domain/claims/commands.js';
import type { RegisterPlace } from '../../domain/places/commands.js';
import type { RegisterSource } from '../../domain/sources/commands.js';

/**
 * The worked example of DESIGN.md as data: the Al-Quds Al-Arabi article (Arabic) on the
 * Iranian–Russian security meeting in Al-Bukamal and the SDF advance on al-Susa, published
 * Wednesday 14 November 2018 ("yesterday, Tuesday" = 13 November). Facts, names and short
 * quotes only; the article text is not copied.
 *
 * Source grades are this demo's own analyst judgements, not an authority's. Coordinates of
 * cities come from public gazetteers; those marked `approximate` are estimates (a centroid,
 * or a neighbourhood placed at its city).
 *
 * P-codes are OCHA COD-AB Syria v02 (`syr_cod_ab_gazetteer.csv`, valid on 2020-12-17): the
 * governorates and districts their own; a city or town the sub-district (nahiya) it is the
 * seat of — al-Susa (السوسة) is the seat of Susat (سوسة, SY090203), al-Bukamal of the Abu
 * Kamal centre sub-district, and so on — since COD-AB's populated places are not available.
 * Mahkan is no sub-district's seat and Hay al-Jamiyat has no N-code, so they have none.
 */
export const SOURCES: RegisterSource[] = [
  {
    id: 'al-quds-al-arabi',
    name: { en: 'Al-Quds Al-Arabi', ar: 'القدس العربي', variants: ['Al Quds Al Arabi', 'Alquds Alarabi'] },
    kind: 'newspaper',
    reliability: 'B',
    note: 'London-based pan-Arab daily.',
  },
  {
    id: 'al-furat-post',
    name: { en: 'Al-Furat Post', ar: 'الفرات بوست', variants: ['Euphrates Post', 'Alfurat Post'] },
    kind: 'news_network',
    reliability: 'C',
    note: 'Network specialised in Deir ez-Zor news.',
  },
  {
    id: 'sdf-media',
    name: { en: 'SDF-affiliated media', ar: 'مصادر إعلامية تابعة لقوات سوريا الديمقراطية', variants: ['SDF media'] },
    kind: 'party_media',
    reliability: 'D',
  },
  {
    id: 'syrian-government-media',
    name: { en: 'Syrian government media', ar: 'وسائل إعلام تابعة للنظام السوري', variants: ['Syrian state media'] },
    kind: 'official',
    reliability: 'D',
  },
];

const approx = (lat: number, lon: number) => ({ lat, lon, approximate: true });
const exact = (lat: number, lon: number) => ({ lat, lon, approximate: false });

export const PLACES: RegisterPlace[] = [
  {
    id: 'deir-ez-zor-governorate',
    names: { en: 'Deir ez-Zor Governorate', ar: 'محافظة دير الزور', variants: ['Dayr az-Zawr Governorate', 'Deir Ezzor'] },
    kind: 'governorate',
    location: approx(35.0, 40.5),
    pcode: 'SY09',
  },
  {
    id: 'raqqa-governorate',
    names: { en: 'Raqqa Governorate', ar: 'محافظة الرقة', variants: ['Ar-Raqqa Governorate', 'Al-Raqqah'] },
    kind: 'governorate',
    location: approx(35.95, 39.01),
    pcode: 'SY11',
  },
  {
    id: 'deir-ez-zor',
    names: { en: 'Deir ez-Zor', ar: 'دير الزور', variants: ['Dayr az-Zawr', 'Deir Ezzor', 'Deir al-Zour'] },
    kind: 'city',
    parentId: 'deir-ez-zor-governorate',
    location: exact(35.3359, 40.1408),
    pcode: 'SY090100',
  },
  {
    id: 'abu-kamal-district',
    names: { en: 'Abu Kamal District', ar: 'منطقة البوكمال', variants: ['Al-Bukamal District', 'Albu Kamal District'] },
    kind: 'district',
    parentId: 'deir-ez-zor-governorate',
    location: approx(34.6, 40.8),
    pcode: 'SY0902',
  },
  {
    id: 'al-mayadin-district',
    names: { en: 'Al-Mayadin District', ar: 'منطقة الميادين', variants: ['Mayadin District'] },
    kind: 'district',
    parentId: 'deir-ez-zor-governorate',
    location: approx(35.0, 40.45),
    pcode: 'SY0903',
  },
  {
    id: 'al-bukamal',
    names: { en: 'Al-Bukamal', ar: 'البوكمال', variants: ['Abu Kamal', 'Albu Kamal', 'Al-Boukamal', 'البو كمال'] },
    kind: 'city',
    parentId: 'abu-kamal-district',
    location: exact(34.4523, 40.9185),
    pcode: 'SY090200',
  },
  {
    id: 'hay-al-jamiyat',
    names: { en: 'Hay al-Jamiyat', ar: 'حي الجمعيات', variants: ['al-Jamiyat', 'Jamiyat neighbourhood'] },
    kind: 'neighbourhood',
    parentId: 'al-bukamal',
    location: approx(34.4523, 40.9185),
  },
  {
    id: 'al-susa',
    names: { en: 'al-Susa', ar: 'السوسة', variants: ['As-Susah', 'Al-Sousa', 'Sousa'] },
    kind: 'town',
    parentId: 'abu-kamal-district',
    location: approx(34.54, 40.89),
    pcode: 'SY090203',
  },
  {
    id: 'al-mayadin',
    names: { en: 'al-Mayadin', ar: 'الميادين', variants: ['Mayadin', 'Al-Mayadeen'] },
    kind: 'city',
    parentId: 'al-mayadin-district',
    location: exact(35.0198, 40.4515),
    pcode: 'SY090300',
  },
  {
    id: 'mahkan',
    names: { en: 'Mahkan', ar: 'محكان', variants: ['Muhkan'] },
    kind: 'town',
    parentId: 'al-mayadin-district',
    location: approx(34.96, 40.56),
  },
];

export const ACTORS: RegisterActor[] = [
  {
    id: 'irgc',
    names: { en: 'Islamic Revolutionary Guard Corps', ar: 'الحرس الثوري الإيراني', variants: ['IRGC'] },
    kind: 'state_military',
  },
  {
    id: 'irgc-backed-militias',
    names: { en: 'IRGC-backed militias', ar: 'الميليشيات الإيرانية', variants: ['Iran-backed militias'] },
    kind: 'militia',
    alignedWith: 'irgc',
  },
  {
    id: 'nawaf-al-bashir-militias',
    names: { en: 'Militias of Nawaf al-Bashir', ar: 'الميليشيات التابعة لنواف البشير', variants: ['Nawaf al-Bashir forces'] },
    kind: 'militia',
    alignedWith: 'irgc',
  },
  {
    id: 'russian-armed-forces',
    names: { en: 'Russian Armed Forces', ar: 'الجيش الروسي', variants: ['Russian army'] },
    kind: 'state_military',
  },
  {
    id: 'syrian-government',
    names: { en: 'Syrian government', ar: 'النظام السوري', variants: ['Assad government'] },
    kind: 'government',
  },
  {
    id: 'ndf',
    names: { en: 'National Defence Forces', ar: 'الدفاع الوطني', variants: ['NDF'] },
    kind: 'militia',
    alignedWith: 'russian-armed-forces',
  },
  {
    id: 'sdf',
    names: { en: 'Syrian Democratic Forces', ar: 'قوات سوريا الديمقراطية', variants: ['SDF', 'قسد', 'QSD'] },
    kind: 'non_state_armed_group',
  },
  {
    id: 'deir-ez-zor-military-council',
    names: { en: 'Deir ez-Zor Military Council', ar: 'مجلس دير الزور العسكري', variants: ['DMC'] },
    kind: 'non_state_armed_group',
    parentId: 'sdf',
  },
  {
    id: 'isis',
    names: { en: 'Islamic State', ar: 'تنظيم الدولة', variants: ['ISIS', 'ISIL', 'Daesh', 'داعش'] },
    kind: 'jihadist_group',
  },
  {
    id: 'international-coalition',
    names: { en: 'International coalition against ISIS', ar: 'التحالف الدولي', variants: ['Coalition', 'CJTF-OIR'] },
    kind: 'coalition',
  },
];

export const ARTICLE_ID = 'alquds-2018-11-14-deir-ez-zor-meeting';

export const ARTICLES: RecordArticle[] = [
  {
    id: ARTICLE_ID,
    sourceId: 'al-quds-al-arabi',
    title: 'اجتماع أمني إيراني – روسي لرسم خريطة النفوذ في دير الزور… وتنظيم «الدولة» يلجأ لـ «الخلايا النائمة»',
    language: 'ar',
    publishedAt: '2018-11-14',
  },
];

const ar = (text: string) => ({ text, language: 'ar' });

export const CLAIMS: RecordClaim[] = [
  {
    id: 'isis-holds-al-susa-2018-10',
    articleId: ARTICLE_ID,
    kind: 'control',
    placeId: 'al-susa',
    actorIds: ['isis'],
    share: 1,
    validTime: { date: '2018-10', approximate: true },
    credibility: 3,
    summary:
      'Before the SDF advance al-Susa lay in the ISIS pocket of the eastern Deir ez-Zor countryside (implied by the article).',
  },
  {
    id: 'irgc-russia-meeting-al-bukamal',
    articleId: ARTICLE_ID,
    kind: 'meeting',
    placeId: 'hay-al-jamiyat',
    actorIds: ['irgc', 'russian-armed-forces'],
    validTime: { date: '2018-11', approximate: true },
    credibility: 3,
    attributedTo: 'al-furat-post',
    quote: ar('عُقد بين الجانبين الروسي والإيراني في أحد المقرات العسكرية للحرس الثوري الإيراني في «حي الجمعيات» بمدينة البوكمال'),
    summary: 'Security meeting of IRGC commanders and Russian officers at an IRGC headquarters in Hay al-Jamiyat, Al-Bukamal.',
  },
  {
    id: 'irgc-militias-leave-al-mayadin',
    articleId: ARTICLE_ID,
    kind: 'withdrawal',
    placeId: 'al-mayadin',
    actorIds: ['irgc-backed-militias'],
    inFavourOf: 'russian-armed-forces',
    validTime: { date: '2018-10', approximate: true },
    credibility: 3,
    attributedTo: 'al-furat-post',
    quote: ar('سحب ميليشياته كافة المساندة للنظام السوري من مدينة «الميادين»'),
    summary:
      'Weeks before the meeting the IRGC withdrew all its supporting militias from al-Mayadin in favour of Russian army units.',
  },
  {
    id: 'irgc-militias-leave-mahkan',
    articleId: ARTICLE_ID,
    kind: 'withdrawal',
    placeId: 'mahkan',
    actorIds: ['irgc-backed-militias'],
    inFavourOf: 'russian-armed-forces',
    validTime: { date: '2018-10', approximate: true },
    credibility: 3,
    attributedTo: 'al-furat-post',
    quote: ar('وبلدة «محكان»، لصالح تمركز قوات من الجيش الروسي'),
    summary: 'The IRGC militias also left Mahkan, in favour of Russian army units deploying there.',
  },
  {
    id: 'russian-units-deploy-al-mayadin',
    articleId: ARTICLE_ID,
    kind: 'deployment',
    placeId: 'al-mayadin',
    actorIds: ['russian-armed-forces'],
    validTime: { date: '2018-10', approximate: true },
    credibility: 3,
    attributedTo: 'al-furat-post',
    summary: 'Russian army units deploy in al-Mayadin after the militias leave.',
  },
  {
    id: 'ministers-visit-deir-ez-zor',
    articleId: ARTICLE_ID,
    kind: 'visit',
    placeId: 'deir-ez-zor-governorate',
    actorIds: ['syrian-government'],
    validTime: { date: '2018-11-13', approximate: false },
    credibility: 2,
    attributedTo: 'syrian-government-media',
    quote: ar('وفداً يضم ثمانية وزراء يرأسهم رئيس حكومة النظام عماد خميس'),
    summary: 'A delegation of eight ministers led by Prime Minister Imad Khamis visits Deir ez-Zor to discuss projects.',
  },
  {
    id: 'ministers-visit-raqqa',
    articleId: ARTICLE_ID,
    kind: 'visit',
    placeId: 'raqqa-governorate',
    actorIds: ['syrian-government'],
    validTime: { date: '2018-11-13', approximate: false },
    credibility: 2,
    attributedTo: 'syrian-government-media',
    summary: 'The same ministerial delegation visits Raqqa governorate.',
  },
  {
    id: 'sdf-controls-80pct-al-susa',
    articleId: ARTICLE_ID,
    kind: 'control',
    placeId: 'al-susa',
    actorIds: ['deir-ez-zor-military-council'],
    share: 0.8,
    validTime: { date: '2018-11-13', approximate: false },
    credibility: 3,
    attributedTo: 'sdf-media',
    quote: ar('السيطرة على 80 بالمئة من بلدة السوسة'),
    summary: "The SDF's Deir ez-Zor Military Council announces control of 80% of al-Susa, near Al-Bukamal.",
  },
  {
    id: 'coalition-airstrikes-al-susa',
    articleId: ARTICLE_ID,
    kind: 'airstrike',
    placeId: 'al-susa',
    actorIds: ['international-coalition'],
    validTime: { date: '2018-11-13', approximate: true },
    credibility: 3,
    attributedTo: 'sdf-media',
    quote: ar('وسط غارات جوية تنفذها مقاتلات التحالف الدولي على المنطقة'),
    summary: 'Coalition air strikes on the area during the SDF advance on al-Susa.',
  },
  {
    id: 'sdf-kills-yasser-al-rafdan',
    articleId: ARTICLE_ID,
    kind: 'killing',
    placeId: 'deir-ez-zor-governorate',
    actorIds: ['sdf', 'isis'],
    validTime: { date: '2018-11-13', approximate: false },
    credibility: 3,
    quote: ar('القيادي في تنظيم الدولة «ياسر الرفدان»'),
    summary: 'The SDF kill ISIS commander Yasser al-Rafdan in the eastern Deir ez-Zor countryside.',
  },
];
