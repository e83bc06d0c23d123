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

/**
 * What a place is. The administrative kinds hold anywhere in the world, not only in Syria:
 * `country` is the state, `governorate` any first-order administrative division (a Syrian
 * muhafaza, an Iraqi governorate, a Turkish il, a US state), `district` any second-order
 * division (mantiqa, ilçe, county) and `subdistrict` any third-order one (nahiya) — the
 * admin0–admin3 levels of OCHA COD-AB.
 */
export const PlaceKind = z.enum([
  'country',
  'governorate',
  'district',
  'subdistrict',
  'city',
  'town',
  'village',
  'neighbourhood',
  'site',
]);
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
  /** Civilians as a party to an event (UCDP one-sided violence's side_b, ACLED's "Civilians" actors). */
  'civilians',
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
  /** Clashes between armed actors (UCDP state-based and non-state conflict, ACLED Battles/Armed clash). */
  'battle',
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

/**
 * The part an actor plays in a claim, in UCDP's terms: `side_a` and `side_b` are the two
 * parties (UCDP GED `side_a`/`side_b`; ACLED `actor1` → side_a, `actor2` → side_b), and
 * `associated_a`/`associated_b` actors fight with them (ACLED `assoc_actor_1`/`assoc_actor_2`).
 * Mapping: docs/datasets.md.
 */
export const ActorRole = z.enum(['side_a', 'side_b', 'associated_a', 'associated_b']);
export type ActorRole = z.infer<typeof ActorRole>;

/**
 * How precisely a claim's place is known, normalised across datasets (the codes each dataset
 * uses are kept verbatim in `precision.coded`): `exact` the named spot, `near` within about
 * 25 km, `admin3`/`admin2`/`admin1` only the third/second/first-order division, `country`
 * only the country, `region` a wider area (a border zone, a desert), `unknown` not known
 * (e.g. international waters or airspace). UCDP `where_prec` 1…7 and ACLED `geo_precision` 1…3
 * map onto it (docs/datasets.md).
 */
export const PlacePrecision = z.enum(['exact', 'near', 'admin3', 'admin2', 'admin1', 'country', 'region', 'unknown']);
export type PlacePrecision = z.infer<typeof PlacePrecision>;

/**
 * How precisely a claim's date is known, normalised: the span the dataset says the date lies
 * in (`week`: within 2–7 days). UCDP `date_prec` 1…5 and ACLED `time_precision` 1…3 map onto it.
 */
export const DatePrecision = z.enum(['day', 'week', 'month', 'year', 'unknown']);
export type DatePrecision = z.infer<typeof DatePrecision>;

/** The conflict datasets sijill imports: UCDP Georeferenced Event Dataset and ACLED. */
export const DatasetName = z.enum(['ucdp-ged', 'acled']);
export type DatasetName = z.infer<typeof DatasetName>;
