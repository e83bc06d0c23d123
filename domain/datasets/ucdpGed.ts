import { partialDateProblem } from '../dates.js';
import { actorKindOfName } from './actorKinds.js';
import type { DatasetActor, MappedRow } from './datasetEvent.js';
import { UCDP_DATE_PRECISION, UCDP_WHERE_PRECISION } from './precision.js';
import { listOf, RowReader } from './rowFields.js';
import { slugOf } from './slug.js';
import { UCDP_TYPE_OF_VIOLENCE } from './typology.js';

/**
 * The columns a UCDP GED CSV must have, in both layouts sijill reads: 23.1 (49 columns, with
 * `relid`) and 19.1 (42 columns: SOURCES.md says 43). Without one of them the file is not GED: nothing is imported.
 */
export const UCDP_GED_COLUMNS = [
  'id',
  'type_of_violence',
  'side_a',
  'side_b',
  'source_article',
  'source_office',
  'source_date',
  'source_headline',
  'where_prec',
  'where_coordinates',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'country',
  'event_clarity',
  'date_prec',
  'date_start',
  'date_end',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
  'high',
  'low',
] as const;

/** The article id of a GED row: `ucdp-ged-<id>`. */
export const ucdpArticleId = (externalId: string): string => slugOf(`ucdp-ged-${externalId}`);

/** UCDP `event_clarity` → Admiralty information credibility (docs/datasets.md). */
const CREDIBILITY: Readonly<Record<string, 2 | 3>> = { '1': 2, '2': 3 };

/** The first source date that is a date: partial dates allowed, the rest (unreadable) skipped. */
const firstDate = (text: string | undefined): string | undefined => listOf(text).find((d) => partialDateProblem(d) === undefined);

/**
 * One UCDP GED row (either layout) → a `DatasetEvent`, or every problem the row has.
 * Rules from the GED codebook 23.1: `date_start` ≤ `date_end`; `low` ≤ `best` ≤ `high`;
 * `type_of_violence` 1–3; `where_prec` 1–7; `date_prec` 1–5 (more than 1 = approximate).
 * Pure: names stay names; the importer resolves them to ids.
 */
export const ucdpGedEvent = (row: Readonly<Record<string, string | undefined>>): MappedRow => {
  const r = new RowReader(row);
  const externalId = r.required('id');
  if (externalId !== '' && (externalId.length > 100 || slugOf(externalId) === '')) {
    r.problem('id', `${JSON.stringify(externalId)} cannot be an external id (1–100 characters with a letter or digit)`);
  }
  const violence = r.code('type_of_violence', UCDP_TYPE_OF_VIOLENCE);
  const where = r.code('where_prec', UCDP_WHERE_PRECISION);
  const when = r.code('date_prec', UCDP_DATE_PRECISION);
  const start = r.day('date_start');
  const end = r.day('date_end');
  if (start && end && end < start) r.problem('date_end', `${end} is before date_start ${start}`);

  const best = r.count('best');
  const low = r.count('low');
  const high = r.count('high');
  if (best !== undefined && low !== undefined && low > best) r.problem('low', `low ${low} is above best ${best}`);
  if (best !== undefined && high !== undefined && high < best) r.problem('high', `high ${high} is below best ${best}`);
  const bySide = {
    sideA: r.count('deaths_a'),
    sideB: r.count('deaths_b'),
    civilians: r.count('deaths_civilians'),
    unknown: r.count('deaths_unknown'),
  };

  const lat = r.number('latitude', -90, 90);
  const lon = r.number('longitude', -180, 180);
  const country = r.required('country');
  const sideA = r.required('side_a');
  const sideB = r.required('side_b');
  if (r.problems.length > 0 || !violence || !where || !when || !start || !end) return { ok: false, problems: r.problems };

  const actors: DatasetActor[] = [
    { name: sideA, kind: actorKindOfName(sideA), role: 'side_a' },
    { name: sideB, kind: actorKindOfName(sideB), role: 'side_b' },
  ];
  const sides = Object.fromEntries(Object.entries(bySide).filter(([, n]) => n !== undefined));
  const dyad = r.text('dyad_name') ?? `${sideA} - ${sideB}`;
  const description = r.text('where_description');
  const citation = r.clip('source_article', r.text('source_article'), 4000);
  const title = r.clip('source_headline', listOf(r.text('source_headline'))[0], 1000);
  const summary = r.clip('summary (dyad_name: where_description)', `${dyad}${description ? `: ${description}` : ''}`, 2000);
  return {
    ok: true,
    notes: r.notes,
    event: {
      dataset: 'ucdp-ged',
      externalId,
      kind: violence.value.mapping.kind,
      typology: { scheme: 'ucdp-ged', type: violence.code },
      validTime: { date: start, ...(end !== start ? { end } : {}), approximate: Number(when.code) > 1 },
      ...(best !== undefined
        ? {
            fatalities: {
              best,
              ...(low !== undefined ? { low } : {}),
              ...(high !== undefined ? { high } : {}),
              ...(Object.keys(sides).length > 0 ? { bySide: sides } : {}),
            },
          }
        : {}),
      precision: {
        place: where.value,
        date: when.value,
        coded: { scheme: 'ucdp-ged', where: Number(where.code), date: Number(when.code) },
      },
      credibility: CREDIBILITY[r.text('event_clarity') ?? ''] ?? 3,
      actors,
      place: {
        country,
        ...(r.text('adm_1') !== undefined ? { adm1: r.text('adm_1') } : {}),
        ...(r.text('adm_2') !== undefined ? { adm2: r.text('adm_2') } : {}),
        ...(r.text('where_coordinates') !== undefined ? { site: r.text('where_coordinates') } : {}),
        ...(lat !== undefined && lon !== undefined ? { point: { lat, lon } } : {}),
        precision: where.value,
      },
      article: {
        id: ucdpArticleId(externalId),
        sources: listOf(r.text('source_office')),
        ...(citation !== undefined ? { citation } : {}),
        ...(title !== undefined ? { title } : {}),
        ...(firstDate(r.text('source_date')) !== undefined ? { publishedAt: firstDate(r.text('source_date')) } : {}),
        language: 'en',
      },
      summary: summary ?? dyad,
    },
  };
};
