import type { ActorKind, ActorRole } from '../vocabulary.js';
import { actorKindOfName } from './actorKinds.js';
import type { DatasetActor, MappedRow } from './datasetEvent.js';
import { ACLED_GEO_PRECISION, ACLED_TIME_PRECISION } from './precision.js';
import { listOf, RowReader } from './rowFields.js';
import { slugOf } from './slug.js';
import { acledMapping } from './typology.js';

/** The columns an ACLED export must have (ACLED codebook 2023, "Data columns"). */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'country',
  'admin1',
  'admin2',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'fatalities',
] as const;

/** ACLED `inter1`/`inter2`: the numeric codes of the codebook, and the words of exports since 2024. */
const INTER: Readonly<Record<string, ActorKind>> = {
  '1': 'state_military',
  'state forces': 'state_military',
  '2': 'non_state_armed_group',
  'rebel group': 'non_state_armed_group',
  '3': 'militia',
  'political militia': 'militia',
  '4': 'militia',
  'identity militia': 'militia',
  '5': 'other',
  rioters: 'other',
  '6': 'other',
  protesters: 'other',
  '7': 'civilians',
  civilians: 'civilians',
  '8': 'other',
  'external/other forces': 'other',
};

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** ACLED writes `event_date` as `2019-01-05` (API) or `05 January 2019` (exports from the data portal). */
const isoDate = (text: string | undefined): string | undefined => {
  if (text === undefined) return undefined;
  const long = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text);
  if (!long) return text;
  const month = MONTHS.indexOf(long[2]!.toLowerCase()) + 1;
  return month === 0 ? text : `${long[3]}-${String(month).padStart(2, '0')}-${long[1]!.padStart(2, '0')}`;
};

/** The article id of an ACLED row: `acled-<event_id_cnty>`. */
export const acledArticleId = (externalId: string): string => slugOf(`acled-${externalId}`);

/**
 * One ACLED row → a `DatasetEvent`, or every problem the row has. Roles: actor1 → side_a,
 * assoc_actor_1 (`;`-separated) → associated_a, actor2 → side_b, assoc_actor_2 → associated_b.
 * A territory sub-event is `control` with share 1 held by actor1 alone (a control claim names
 * one actor); the other actors are kept in the summary. Pure.
 */
export const acledEvent = (row: Readonly<Record<string, string | undefined>>): MappedRow => {
  const r = new RowReader(row);
  const externalId = r.required('event_id_cnty');
  if (externalId !== '' && (externalId.length > 100 || slugOf(externalId) === '')) {
    r.problem('event_id_cnty', `${JSON.stringify(externalId)} cannot be an external id`);
  }
  const eventType = r.required('event_type');
  const subEventType = r.required('sub_event_type');
  const mapping = eventType && subEventType ? acledMapping(eventType, subEventType) : undefined;
  if (eventType && subEventType && !mapping) {
    r.problem('sub_event_type', `${JSON.stringify(`${eventType}: ${subEventType}`)} is not in the ACLED codebook table`);
  }
  const where = r.code('geo_precision', ACLED_GEO_PRECISION);
  const when = r.code('time_precision', ACLED_TIME_PRECISION);
  const date = isoDate(r.text('event_date'));
  const day = new RowReader({ event_date: date }).day('event_date');
  if (!day) r.problem('event_date', `${JSON.stringify(r.text('event_date') ?? '')} must be YYYY-MM-DD or DD Month YYYY`);
  const fatalities = r.count('fatalities');
  const lat = r.number('latitude', -90, 90);
  const lon = r.number('longitude', -180, 180);
  const country = r.required('country');
  const actor1 = r.required('actor1');
  if (r.problems.length > 0 || !mapping || !where || !when || !day) return { ok: false, problems: r.problems };

  const kindOf = (name: string, inter: string | undefined): ActorKind =>
    INTER[(inter ?? '').toLowerCase()] ?? actorKindOfName(name);
  const named: DatasetActor[] = [];
  const add = (name: string, role: ActorRole, inter?: string) => {
    if (!named.some((a) => a.name === name)) named.push({ name, kind: kindOf(name, inter), role });
  };
  add(actor1, 'side_a', r.text('inter1'));
  for (const name of listOf(r.text('assoc_actor_1'))) add(name, 'associated_a');
  const actor2 = r.text('actor2');
  if (actor2) add(actor2, 'side_b', r.text('inter2'));
  for (const name of listOf(r.text('assoc_actor_2'))) add(name, 'associated_b');
  const control = mapping.kind === 'control';
  const actors = control ? named.slice(0, 1) : named;
  const others =
    control && named.length > 1
      ? ` (also named: ${named
          .slice(1)
          .map((a) => `${a.name} as ${a.role}`)
          .join(', ')})`
      : '';
  const kind = mapping.killingWhenFatal && (fatalities ?? 0) > 0 ? 'killing' : mapping.kind;
  const source = r.text('source');
  const citation = r.clip('source', source, 4000);
  const summary = r.clip(
    r.text('notes') !== undefined ? 'notes' : 'summary',
    `${r.text('notes') ?? `${eventType}: ${subEventType}`}${others}`,
    2000,
  ) as string;
  return {
    ok: true,
    notes: r.notes,
    event: {
      dataset: 'acled',
      externalId,
      kind,
      ...(mapping.share !== undefined ? { share: mapping.share } : {}),
      typology: { scheme: 'acled', type: eventType, subType: subEventType },
      validTime: { date: day, approximate: Number(when.code) > 1 },
      ...(fatalities !== undefined ? { fatalities: { best: fatalities } } : {}),
      precision: {
        place: where.value,
        date: when.value,
        coded: { scheme: 'acled', where: Number(where.code), date: Number(when.code) },
      },
      credibility: 3,
      actors,
      place: {
        country,
        ...(r.text('admin1') !== undefined ? { adm1: r.text('admin1') as string } : {}),
        ...(r.text('admin2') !== undefined ? { adm2: r.text('admin2') as string } : {}),
        ...(r.text('location') !== undefined ? { site: r.text('location') as string } : {}),
        ...(lat !== undefined && lon !== undefined ? { point: { lat, lon } } : {}),
        precision: where.value,
      },
      article: {
        id: acledArticleId(externalId),
        sources: listOf(source),
        ...(citation !== undefined ? { citation } : {}),
        language: 'en',
      },
      summary,
    },
  };
};
