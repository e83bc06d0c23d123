import type { DatePrecision, PlacePrecision } from '../vocabulary.js';

/**
 * The datasets' precision codes and the normalised value each maps to (docs/datasets.md).
 * UCDP GED codebook 23.1 §3 (`where_prec`, `date_prec`); ACLED codebook 2023 (`geo_precision`,
 * `time_precision`). Codes outside these tables are refused: the row says something the
 * codebook does not define.
 */
export const UCDP_WHERE_PRECISION: Readonly<Record<string, PlacePrecision>> = {
  '1': 'exact',
  '2': 'near', // within 25 km of a known point
  '3': 'admin2',
  '4': 'admin1',
  '5': 'region', // a part of a country larger than admin2, not an admin1 unit
  '6': 'country',
  '7': 'unknown', // international waters or airspace
};

export const UCDP_DATE_PRECISION: Readonly<Record<string, DatePrecision>> = {
  '1': 'day',
  '2': 'week', // 2–6 days
  '3': 'week',
  '4': 'month',
  '5': 'year',
};

export const ACLED_GEO_PRECISION: Readonly<Record<string, PlacePrecision>> = {
  '1': 'exact',
  '2': 'near', // "a part of a region is mentioned": the nearest town
  '3': 'region', // "a larger region is mentioned": its capital stands for it
};

export const ACLED_TIME_PRECISION: Readonly<Record<string, DatePrecision>> = {
  '1': 'day',
  '2': 'week',
  '3': 'month',
};
