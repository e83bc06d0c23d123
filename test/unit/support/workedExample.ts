import type { RegisterActor } from '../../../domain/actors/commands.js';
import type { RecordArticle } from '../../../domain/articles/commands.js';
import type { RecordClaim } from '../../../domain/claims/commands.js';
import type { EventOf } from '../../../domain/events.js';
import type { RegisterPlace } from '../../../domain/places/commands.js';
import type { RegisterSource } from '../../../domain/sources/commands.js';

/**
 * Commands and events from DESIGN.md's worked example (the Al-Quds Al-Arabi article of
 * 14 November 2018), for the unit tests. Events are written out, not derived through a
 * decider, so a decider's mapping is checked against an independent statement of it.
 */

export const alFuratPost: RegisterSource = {
  id: 'al-furat-post',
  name: { en: 'Al-Furat Post', ar: 'الفرات بوست', variants: ['Euphrates Post'] },
  kind: 'news_network',
  reliability: 'C',
};
export const alFuratPostRegistered: EventOf<'SourceRegistered'> = {
  type: 'SourceRegistered',
  data: {
    sourceId: 'al-furat-post',
    name: { en: 'Al-Furat Post', ar: 'الفرات بوست', variants: ['Euphrates Post'] },
    kind: 'news_network',
    reliability: 'C',
  },
};

export const alBukamal: RegisterPlace = {
  id: 'al-bukamal',
  names: { en: 'Al-Bukamal', ar: 'البوكمال', variants: ['Abu Kamal', 'البو كمال'] },
  kind: 'city',
  location: { lat: 34.4523, lon: 40.9185, approximate: false },
};
export const alBukamalRegistered: EventOf<'PlaceRegistered'> = {
  type: 'PlaceRegistered',
  data: {
    placeId: 'al-bukamal',
    names: { en: 'Al-Bukamal', ar: 'البوكمال', variants: ['Abu Kamal', 'البو كمال'] },
    kind: 'city',
    location: { lat: 34.4523, lon: 40.9185, approximate: false },
  },
};

export const alSusa: RegisterPlace = {
  id: 'al-susa',
  names: { en: 'al-Susa', ar: 'السوسة', variants: ['As-Susah'] },
  kind: 'town',
  parentId: 'abu-kamal-district',
  location: { lat: 34.54, lon: 40.89, approximate: true },
};
export const alSusaRegistered: EventOf<'PlaceRegistered'> = {
  type: 'PlaceRegistered',
  data: {
    placeId: 'al-susa',
    names: { en: 'al-Susa', ar: 'السوسة', variants: ['As-Susah'] },
    kind: 'town',
    parentId: 'abu-kamal-district',
    location: { lat: 34.54, lon: 40.89, approximate: true },
  },
};

export const militaryCouncil: RegisterActor = {
  id: 'deir-ez-zor-military-council',
  names: { en: 'Deir ez-Zor Military Council', ar: 'مجلس دير الزور العسكري', variants: [] },
  kind: 'non_state_armed_group',
  parentId: 'sdf',
};
export const militaryCouncilRegistered: EventOf<'ActorRegistered'> = {
  type: 'ActorRegistered',
  data: {
    actorId: 'deir-ez-zor-military-council',
    names: { en: 'Deir ez-Zor Military Council', ar: 'مجلس دير الزور العسكري', variants: [] },
    kind: 'non_state_armed_group',
    parentId: 'sdf',
  },
};

export const irgcMilitias: RegisterActor = {
  id: 'irgc-backed-militias',
  names: { en: 'IRGC-backed militias', ar: 'الميليشيات الإيرانية', variants: [] },
  kind: 'militia',
  alignedWith: 'irgc',
};

export const article: RecordArticle = {
  id: 'alquds-2018-11-14',
  sourceId: 'al-quds-al-arabi',
  title: 'اجتماع أمني إيراني – روسي لرسم خريطة النفوذ في دير الزور',
  language: 'ar',
  publishedAt: '2018-11-14',
};
export const articleRecorded: EventOf<'ArticleRecorded'> = {
  type: 'ArticleRecorded',
  data: {
    articleId: 'alquds-2018-11-14',
    sourceId: 'al-quds-al-arabi',
    title: 'اجتماع أمني إيراني – روسي لرسم خريطة النفوذ في دير الزور',
    language: 'ar',
    publishedAt: '2018-11-14',
  },
};

/** The SDF's Deir ez-Zor Military Council announces control of 80% of al-Susa. */
export const sdfControlsAlSusa: RecordClaim & { id: string } = {
  id: 'sdf-controls-80pct-al-susa',
  articleId: 'alquds-2018-11-14',
  kind: 'control',
  placeId: 'al-susa',
  actorIds: ['deir-ez-zor-military-council'],
  share: 0.8,
  validTime: { date: '2018-11-13', approximate: false },
  credibility: 3,
  attributedTo: 'sdf-media',
  quote: { text: 'السيطرة على 80 بالمئة من بلدة السوسة', language: 'ar' },
};
export const sdfControlsAlSusaRecorded: EventOf<'ClaimRecorded'> = {
  type: 'ClaimRecorded',
  data: {
    claimId: 'sdf-controls-80pct-al-susa',
    articleId: 'alquds-2018-11-14',
    kind: 'control',
    placeId: 'al-susa',
    actorIds: ['deir-ez-zor-military-council'],
    share: 0.8,
    validTime: { date: '2018-11-13', approximate: false },
    credibility: 3,
    attributedTo: 'sdf-media',
    quote: { text: 'السيطرة على 80 بالمئة من بلدة السوسة', language: 'ar' },
  },
};

/** Weeks earlier the IRGC withdrew its militias from al-Mayadin in favour of Russian units. */
export const militiasLeaveAlMayadin: RecordClaim & { id: string } = {
  id: 'irgc-militias-leave-al-mayadin',
  articleId: 'alquds-2018-11-14',
  kind: 'withdrawal',
  placeId: 'al-mayadin',
  actorIds: ['irgc-backed-militias'],
  inFavourOf: 'russian-armed-forces',
  validTime: { date: '2018-10', approximate: true },
  credibility: 3,
  attributedTo: 'al-furat-post',
};
export const militiasLeaveAlMayadinRecorded: EventOf<'ClaimRecorded'> = {
  type: 'ClaimRecorded',
  data: {
    claimId: 'irgc-militias-leave-al-mayadin',
    articleId: 'alquds-2018-11-14',
    kind: 'withdrawal',
    placeId: 'al-mayadin',
    actorIds: ['irgc-backed-militias'],
    inFavourOf: 'russian-armed-forces',
    validTime: { date: '2018-10', approximate: true },
    credibility: 3,
    attributedTo: 'al-furat-post',
  },
};

/** IRGC commanders and Russian officers meet in Hay al-Jamiyat, Al-Bukamal. */
export const meetingInHayAlJamiyat: RecordClaim & { id: string } = {
  id: 'irgc-russia-meeting-al-bukamal',
  articleId: 'alquds-2018-11-14',
  kind: 'meeting',
  placeId: 'hay-al-jamiyat',
  actorIds: ['irgc', 'russian-armed-forces'],
  validTime: { date: '2018-11', approximate: true },
  credibility: 3,
  attributedTo: 'al-furat-post',
};
