import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ClaimMatch } from '../../projections/claimSearch.js';
import type { Cutoff } from '../../projections/control/knowledge.js';
import { adminLevelsOf } from '../../projections/placeLineage.js';
import type { RegistryState } from '../../projections/registry.js';
import { claimItemOf } from '../queries/claimSearch.js';

/**
 * The flat claims export's columns (issue 11, item 5), in order: snake_case, the names
 * spreadsheet and QGIS users expect (QGIS's delimited-text layer picks `latitude`/`longitude`
 * as the point by itself). Public API: a column is never renamed or moved, only added at the end.
 */
export const CLAIMS_CSV_COLUMNS = [
  'claim_id',
  'kind',
  'dataset',
  'release',
  'external_id',
  'typology_type',
  'typology_sub_type',
  'date_start',
  'date_end',
  'date_precision',
  'place_id',
  'place_name',
  'place_precision',
  'pcode',
  'country',
  'country_pcode',
  'admin1',
  'admin1_pcode',
  'admin2',
  'admin2_pcode',
  'admin3',
  'admin3_pcode',
  'latitude',
  'longitude',
  'side_a',
  'side_b',
  'actors',
  'fatalities_best',
  'fatalities_low',
  'fatalities_high',
  'deaths_side_a',
  'deaths_side_b',
  'deaths_civilians',
  'deaths_unknown',
  'article_id',
  'sources',
  'citation',
  'credibility',
  'grade',
  'retracted',
  'recorded_at',
  'updated_at',
] as const;

export type ClaimsCsvColumn = (typeof CLAIMS_CSV_COLUMNS)[number];
type Row = Record<ClaimsCsvColumn, string | number | boolean | undefined>;

/** Several names in one cell: `; ` between them (a comma would read as a column break to a careless split). */
const LIST_SEPARATOR = '; ';

/**
 * One claim as one row. Dates are days (`YYYY-MM-DD`): `date_start` the first day covered,
 * `date_end` the last (the partial date's last day when the claim has no period), so a
 * spreadsheet sorts them and QGIS's temporal controller reads them. Admin levels come from the
 * place's parent chain (`adminLevelsOf`); `latitude`/`longitude` are the place's point, else
 * its nearest located ancestor's. Names are English display names; actors and sources are
 * listed with `; `. Empty cells are unknown values.
 */
export const claimsCsvRow = (registry: RegistryState, cutoff: Cutoff, match: ClaimMatch): Row => {
  const item = claimItemOf(registry, cutoff, match);
  const place = registry.places.get(item.placeId);
  const [country, admin1, admin2, admin3] = adminLevelsOf(registry, item.placeId);
  const dataset = item.provenance?.kind === 'dataset' ? item.provenance : undefined;
  const actorName = (actorId: string) => registry.actors.get(actorId)?.names.en ?? actorId;
  const inRole = (role: string) =>
    (item.actorRoles ?? [])
      .filter((r) => r.role === role)
      .map((r) => actorName(r.actorId))
      .join(LIST_SEPARATOR);
  const bySide = item.fatalities?.bySide;
  return {
    claim_id: item.claimId,
    kind: item.kind,
    dataset: dataset?.dataset,
    release: item.release ?? undefined,
    external_id: dataset?.externalId,
    typology_type: item.typology?.type,
    typology_sub_type: item.typology?.subType,
    date_start: item.validStart,
    date_end: item.validEnd,
    date_precision: item.precision?.date,
    place_id: item.placeId,
    place_name: item.placeName ?? undefined,
    place_precision: item.precision?.place,
    pcode: place?.pcode,
    country: country?.name,
    country_pcode: country?.pcode,
    admin1: admin1?.name,
    admin1_pcode: admin1?.pcode,
    admin2: admin2?.name,
    admin2_pcode: admin2?.pcode,
    admin3: admin3?.name,
    admin3_pcode: admin3?.pcode,
    latitude: item.location?.lat,
    longitude: item.location?.lon,
    side_a: inRole('side_a'),
    side_b: inRole('side_b'),
    actors: item.actorIds.map(actorName).join(LIST_SEPARATOR),
    fatalities_best: item.fatalities?.best,
    fatalities_low: item.fatalities?.low,
    fatalities_high: item.fatalities?.high,
    deaths_side_a: bySide?.sideA,
    deaths_side_b: bySide?.sideB,
    deaths_civilians: bySide?.civilians,
    deaths_unknown: bySide?.unknown,
    article_id: item.articleId,
    sources: item.sources.map((s) => s.name ?? s.sourceId).join(LIST_SEPARATOR),
    citation: registry.articles.get(item.articleId)?.citation,
    credibility: item.credibility,
    grade: item.grade ?? undefined,
    retracted: item.retracted,
    recorded_at: item.recordedAt,
    updated_at: item.updatedAt,
  };
};

/**
 * The CSV text of `matches`, produced row by row as the reader takes it (backpressure: a
 * slow client holds the iteration, not a buffer of the whole file). RFC 4180: CRLF line ends,
 * a header row, fields quoted by csv-stringify where they hold a comma, quote or line break.
 * UTF-8 throughout; `bom` puts U+FEFF first — Excel reads a CSV as the system's code page
 * (Arabic names turn to mojibake) unless it starts with one, while other readers (pandas'
 * default `utf-8`, R's read.csv) take the BOM into the first column's name, so it is asked for.
 */
export const claimsCsv = (
  registry: RegistryState,
  cutoff: Cutoff,
  matches: Iterable<ClaimMatch>,
  options: { bom: boolean },
): Readable => {
  const rows = Readable.from(
    (function* () {
      for (const match of matches) yield claimsCsvRow(registry, cutoff, match);
    })(),
  );
  const csv = stringify({
    header: true,
    columns: [...CLAIMS_CSV_COLUMNS],
    bom: options.bom,
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  // pipeline: a client that goes away destroys the CSV stream, and with it the rows' iteration.
  return pipeline(rows, csv, () => undefined);
};
