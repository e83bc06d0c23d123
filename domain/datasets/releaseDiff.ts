import type { DatasetName } from '../vocabulary.js';

/** How the docs and reasons name each dataset. */
export const DATASET_LABELS: Readonly<Record<DatasetName, string>> = { 'ucdp-ged': 'UCDP GED', acled: 'ACLED' };

/** Claim body paths → the dataset column they come from, so a correction's reason speaks the dataset's words. */
const COLUMNS: Readonly<Record<DatasetName, Readonly<Record<string, string>>>> = {
  'ucdp-ged': {
    'fatalities.best': 'best',
    'fatalities.low': 'low',
    'fatalities.high': 'high',
    'fatalities.bySide.sideA': 'deaths_a',
    'fatalities.bySide.sideB': 'deaths_b',
    'fatalities.bySide.civilians': 'deaths_civilians',
    'fatalities.bySide.unknown': 'deaths_unknown',
    'validTime.date': 'date_start',
    'validTime.end': 'date_end',
    'validTime.approximate': 'date_prec',
    'precision.coded.where': 'where_prec',
    'precision.coded.date': 'date_prec',
    'precision.place': 'where_prec',
    'precision.date': 'date_prec',
    credibility: 'event_clarity',
    actorIds: 'side_a/side_b',
    actorRoles: 'side_a/side_b',
    placeId: 'place',
  },
  acled: {
    'fatalities.best': 'fatalities',
    'validTime.date': 'event_date',
    'validTime.approximate': 'time_precision',
    'precision.coded.where': 'geo_precision',
    'precision.coded.date': 'time_precision',
    'precision.place': 'geo_precision',
    'precision.date': 'time_precision',
    'typology.subType': 'sub_event_type',
    actorIds: 'actors',
    actorRoles: 'actors',
    share: 'sub_event_type',
    placeId: 'place',
    summary: 'notes',
  },
};

const leaves = (value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) if (v !== undefined) leaves(v, path ? `${path}.${key}` : key, out);
  } else if (value !== undefined) out.set(path, value);
  return out;
};

const shown = (value: unknown): string =>
  value === undefined
    ? '(none)'
    : typeof value === 'string'
      ? value.length > 60
        ? `${value.slice(0, 57)}…`
        : value
      : JSON.stringify(value);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What a newer release changes in a claim: the top-level fields to replace (null removes) and the reason's words. */
export interface ReleaseChanges {
  readonly changes: Record<string, unknown>;
  /** `best 2 → 3`, `date_end 2013-01-03 → 2013-01-04`, one per changed column. */
  readonly described: readonly string[];
}

/**
 * The difference between the claim as the ledger holds it and as a newer release's row maps
 * it, or undefined when they say the same. `changes` holds each top-level body field that
 * differs (the new value, or null when the release dropped an optional one), ready for a
 * `CorrectClaim`; `described` names each changed leaf by the dataset's column, once.
 */
export const releaseChanges = (
  dataset: DatasetName,
  current: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): ReleaseChanges | undefined => {
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(current), ...Object.keys(next)])) {
    if (!same(current[key], next[key])) changes[key] = next[key] === undefined ? null : next[key];
  }
  if (Object.keys(changes).length === 0) return undefined;
  const before = leaves(current, '', new Map());
  const after = leaves(next, '', new Map());
  const described: string[] = [];
  const seen = new Set<string>();
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (same(before.get(path), after.get(path))) continue;
    const top = path.split('.')[0]!;
    const column = COLUMNS[dataset][path] ?? COLUMNS[dataset][top] ?? path;
    const key = `${column}:${shown(before.get(path))}`;
    if (seen.has(column) || seen.has(key)) continue;
    seen.add(column);
    const arrays = Array.isArray(current[top]) || Array.isArray(next[top]);
    described.push(arrays ? `${column} changed` : `${column} ${shown(before.get(path))} → ${shown(after.get(path))}`);
  }
  return { changes, described };
};

/** The reason of a release's correction: `UCDP GED 23.1: best 2 → 3; date_end 2013-01-03 → 2013-01-04`. */
export const releaseReason = (dataset: DatasetName, release: string, described: readonly string[]): string => {
  const text = `${DATASET_LABELS[dataset]} ${release}: ${described.join('; ')}`;
  return text.length <= 2000 ? text : `${text.slice(0, 1999)}…`;
};
