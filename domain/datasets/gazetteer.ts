import type { RegisterPlace } from '../places/commands.js';
import { normalizeForSearch } from '../search.js';
import type { PlaceKind } from '../vocabulary.js';
import type { RowProblem } from './datasetEvent.js';
import { RowReader } from './rowFields.js';
import { slugOf } from './slug.js';

/**
 * OCHA COD-AB gazetteers → places. Levels (COD-AB): adm0 country > adm1 governorate > adm2
 * district > adm3 sub-district > neighbourhood (N-codes, whose parent is the adm3 unit).
 * The place id is the slug of the P-code (`SY0705` → `sy0705`), so a P-code names one place
 * whichever file brought it; names: English, Arabic, and the reference name as a variant;
 * location: the centroid the set gives, marked approximate (a centroid, not a surveyed point).
 */
export const GAZETTEER_LEVELS: Readonly<Record<string, PlaceKind>> = {
  adm0: 'country',
  adm1: 'governorate',
  adm2: 'district',
  adm3: 'subdistrict',
  neighbourhood: 'neighbourhood',
};

/** The columns of the COD-AB gazetteer CSV. */
export const GAZETTEER_COLUMNS = ['level', 'pcode', 'name_en', 'name_ar', 'ref_name', 'parent_pcode', 'lat', 'lon'] as const;

/** Country names by ISO 3166-1 alpha-2 code (COD-AB adm0 P-codes), for the country above adm1. */
const COUNTRIES: Readonly<Record<string, { en: string; ar: string; variants: string[] }>> = {
  SY: { en: 'Syria', ar: 'سوريا', variants: ['Syrian Arab Republic', 'الجمهورية العربية السورية', 'سورية'] },
  IQ: { en: 'Iraq', ar: 'العراق', variants: ['Republic of Iraq'] },
  LB: { en: 'Lebanon', ar: 'لبنان', variants: ['Lebanese Republic'] },
  TR: { en: 'Turkey', ar: 'تركيا', variants: ['Türkiye'] },
  JO: { en: 'Jordan', ar: 'الأردن', variants: [] },
  YE: { en: 'Yemen', ar: 'اليمن', variants: [] },
};

export type GazetteerPlace = { ok: true; command: RegisterPlace } | { ok: false; problems: RowProblem[] };

/** The variants worth keeping: spellings that differ from the display names as search reads them. */
const variantsOf = (en: string, ar: string | undefined, candidates: readonly (string | undefined)[]): string[] => {
  const seen = new Set([en, ar].filter((n) => n !== undefined).map((n) => normalizeForSearch(n)));
  const out: string[] = [];
  for (const c of candidates) {
    if (c === undefined) continue;
    const key = normalizeForSearch(c);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
};

/** The country place a COD-AB set hangs from (`SY` → `sy`, Syria, سوريا), with the set's own name as a variant. */
export const countryPlace = (
  pcode: string,
  setNames: readonly (string | undefined)[] = [],
  point?: { lat: number; lon: number },
): RegisterPlace => {
  const known = COUNTRIES[pcode.toUpperCase()];
  const en = known?.en ?? setNames.find((n) => n !== undefined) ?? pcode.toUpperCase();
  const ar = known?.ar ?? setNames.find((n) => n !== undefined && /\p{Script=Arabic}/u.test(n));
  return {
    id: slugOf(pcode),
    names: { en, ...(ar !== undefined ? { ar } : {}), variants: variantsOf(en, ar, [...(known?.variants ?? []), ...setNames]) },
    kind: 'country',
    pcode: pcode.toUpperCase(),
    ...(point ? { location: { ...point, approximate: true } } : {}),
  };
};

const place = (
  r: RowReader,
  level: string,
  fields: { pcode: string; en: string; ar: string; ref: string; parent?: string; lat: string; lon: string },
): GazetteerPlace => {
  const kind = GAZETTEER_LEVELS[level];
  const pcode = r.required(fields.pcode);
  const en = r.required(fields.en);
  const ar = r.text(fields.ar);
  const parent = fields.parent !== undefined ? r.required(fields.parent) : undefined;
  const lat = r.number(fields.lat, -90, 90);
  const lon = r.number(fields.lon, -180, 180);
  if (!kind) r.problem('level', `${JSON.stringify(level)} is not one of ${Object.keys(GAZETTEER_LEVELS).join(', ')}`);
  if (pcode && slugOf(pcode) === '') r.problem(fields.pcode, `${JSON.stringify(pcode)} is not a P-code`);
  if (r.problems.length > 0 || !kind) return { ok: false, problems: r.problems };
  if (kind === 'country')
    return {
      ok: true,
      command: countryPlace(
        pcode,
        [en, ar, r.text(fields.ref)],
        lat !== undefined && lon !== undefined ? { lat, lon } : undefined,
      ),
    };
  return {
    ok: true,
    command: {
      id: slugOf(pcode),
      names: { en, ...(ar !== undefined ? { ar } : {}), variants: variantsOf(en, ar, [r.text(fields.ref)]) },
      kind,
      ...(parent ? { parentId: slugOf(parent) } : {}),
      ...(lat !== undefined && lon !== undefined ? { location: { lat, lon, approximate: true } } : {}),
      pcode,
    },
  };
};

/** A row of the COD-AB gazetteer CSV (`level,pcode,name_en,name_ar,ref_name,parent_pcode,lat,lon`). */
export const gazetteerCsvPlace = (row: Readonly<Record<string, string | undefined>>): GazetteerPlace => {
  const r = new RowReader(row);
  return place(r, r.required('level'), {
    pcode: 'pcode',
    en: 'name_en',
    ar: 'name_ar',
    ref: 'ref_name',
    parent: 'parent_pcode',
    lat: 'lat',
    lon: 'lon',
  });
};

/** The deepest admin level whose P-code a COD-AB attribute table row carries (adm3 before adm2 …). */
export const dbfLevel = (record: Readonly<Record<string, unknown>>): number | undefined =>
  [4, 3, 2, 1, 0].find((n) => typeof record[`adm${n}_pcode`] === 'string' && record[`adm${n}_pcode`] !== '');

/** A row of a COD-AB shapefile attribute table (`syr_admin{0..3}.dbf`: `adm{n}_name`, `_name1` Arabic, `_ref_n`, `_pcode`). */
export const gazetteerDbfPlace = (record: Readonly<Record<string, unknown>>): GazetteerPlace => {
  const cells = Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]),
  );
  const n = dbfLevel(record);
  if (n === undefined || n > 3)
    return { ok: false, problems: [{ field: 'adm*_pcode', reason: 'no admin level P-code in the row' }] };
  const r = new RowReader(cells);
  return place(r, `adm${n}`, {
    pcode: `adm${n}_pcode`,
    en: `adm${n}_name`,
    ar: `adm${n}_name1`,
    ref: `adm${n}_ref_n`,
    ...(n > 0 ? { parent: `adm${n - 1}_pcode` } : {}),
    lat: 'center_lat',
    lon: 'center_lon',
  });
};
