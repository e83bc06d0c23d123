import { z } from 'zod';

export const SourceKind = z.enum([
  'newspaper',
  'news_network',
  'news_agency',
  'party_media',
  'official',
  'social_media',
  'monitor',
  'other',
]);
export type SourceKind = z.infer<typeof SourceKind>;

export const PlaceKind = z.enum(['governorate', 'district', 'subdistrict', 'city', 'town', 'village', 'neighbourhood', 'site']);
export type PlaceKind = z.infer<typeof PlaceKind>;

export const ActorKind = z.enum([
  'state_military',
  'state_security',
  'militia',
  'non_state_armed_group',
  'jihadist_group',
  'coalition',
  'government',
  'political',
  'other',
]);
export type ActorKind = z.infer<typeof ActorKind>;

/** Kinds that change territorial control; every other kind goes to timelines only. */
export const CONTROL_KINDS = ['control', 'withdrawal'] as const;
export const TIMELINE_KINDS = [
  'meeting',
  'visit',
  'deployment',
  'presence',
  'attack',
  'airstrike',
  'killing',
  'arrest',
  'statement',
  'other',
] as const;
export const ClaimKind = z.enum([...CONTROL_KINDS, ...TIMELINE_KINDS]);
export type ClaimKind = z.infer<typeof ClaimKind>;

/** BCP 47 language tag, kept simple: `ar`, `en`, `ar-SY`. */
export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as ar or en');

export const Quote = z.strictObject({
  text: z.string().trim().min(1).max(500).describe('A short quote in the original language (not the article text).'),
  language: LanguageTag,
});
export type Quote = z.infer<typeof Quote>;

export const Point = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  approximate: z.boolean().default(false).describe('The coordinates are an estimate, not a surveyed point.'),
});
export type Point = z.infer<typeof Point>;

/** A control share: 0 < share ≤ 1. */
export const Share = z.number().gt(0, 'share must be greater than 0').lte(1, 'share must be at most 1');
