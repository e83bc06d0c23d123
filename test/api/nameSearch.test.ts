import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../domain/search.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Issue 11 §3: search finds what analysts type. The worked example, plus the Deir-ez-Zor
 * governorate of the OCHA COD-AB gazetteer registered as an importer would (its English and
 * Arabic names and P-codes, no variants), plus the actor UCDP calls "IS". Before this change
 * search was a substring match without folding: "Albu Kamal" missed the COD-AB Abu Kamal
 * district, "Dayr az Zawr" every COD-AB Deir-ez-Zor, "السوسة" Susat (سوسة), "Islamic State"
 * and "داعش" missed IS, and `q=IS` listed every name with the letters "is" in it.
 */
const GAZETTEER = join(import.meta.dirname, '..', '..', '..', 'shared', 'realdata', 'syr_cod_ab_gazetteer.csv');

interface GazetteerRow {
  readonly level: string;
  readonly pcode: string;
  readonly en: string;
  readonly ar: string;
  readonly parent: string;
}

/**
 * The gazetteer's administrative units (adm1–adm3). Only a few neighbourhood rows hold a quoted
 * field (a name over several lines); no admin row has a comma or a quote, so lines suffice.
 */
const gazetteer = (): GazetteerRow[] =>
  readFileSync(GAZETTEER, 'utf8')
    .split('\n')
    .filter((line) => /^adm[123],/.test(line))
    .map((line) => {
      const [level, pcode, en, ar, , parent] = line.split(',');
      return { level: level!, pcode: pcode!, en: en!, ar: ar!, parent: parent! };
    });

const codId = (pcode: string) => `cod-${pcode.toLowerCase()}`;

/** Register gazetteer rows as places, parents first, as an importer would: names and P-code only. */
const registerRows = async (given: GivenApp, rows: readonly GazetteerRow[]) => {
  const ids = new Set(rows.map((r) => r.pcode));
  for (const row of rows) {
    const response = await post(given, '/v1/places', {
      id: codId(row.pcode),
      names: { en: row.en, ar: row.ar },
      kind: row.level === 'adm1' ? 'governorate' : row.level === 'adm2' ? 'district' : 'subdistrict',
      ...(ids.has(row.parent) ? { parentId: codId(row.parent) } : {}),
      pcode: row.pcode,
    });
    expect(response.statusCode, response.body).toBe(201);
  }
};

const idsOf = async (given: GivenApp, url: string): Promise<string[]> => {
  const response = await get(given, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((x: { id: string }) => x.id);
};

const q = (text: string) => encodeURIComponent(text);

let given: GivenApp;
const search = (resource: string, text: string) => idsOf(given, `/v1/${resource}?q=${q(text)}&limit=1000`);

beforeAll(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
  await registerRows(
    given,
    gazetteer().filter((row) => row.pcode.startsWith('SY09') && ['adm1', 'adm2', 'adm3'].includes(row.level)),
  );
  // The actor as UCDP names it, and the aliases an analyst adds (the route: test/api/names.test.ts).
  expect((await post(given, '/v1/actors', { id: 'is', names: { en: 'IS' }, kind: 'jihadist_group' })).statusCode).toBe(201);
  const aliases = ['ISIS', 'ISIL', 'Islamic State', 'داعش', 'الدولة الإسلامية'];
  expect((await post(given, '/v1/actors/is/variants', { variants: aliases })).statusCode).toBe(201);
});
afterAll(() => given.close());

describe('search finds what analysts type (issue 11 §3 acceptance)', () => {
  it('"Albu Kamal" finds the Abu Kamal district of COD-AB', async () => {
    expect(await search('places', 'Albu Kamal')).toContain('cod-sy0902');
  });

  it('"Dayr az Zawr" finds Deir-ez-Zor, the governorate, its district and sub-district, written the COD-AB way', async () => {
    expect(await search('places', 'Dayr az Zawr')).toEqual(
      expect.arrayContaining(['cod-sy09', 'cod-sy0901', 'cod-sy090100', 'deir-ez-zor', 'deir-ez-zor-governorate']),
    );
  });

  it('"السوسة" finds "سوسة" (the definite article ال), after al-Susa, whose name it is exactly', async () => {
    expect(await search('places', 'السوسة')).toEqual(['al-susa', 'cod-sy090203']);
    expect(await search('places', 'سوسة')).toEqual(['cod-sy090203', 'al-susa']);
  });

  it.each(['Islamic State', 'داعش', 'الدولة الإسلامية', 'ISIL'])('"%s" finds the actor UCDP calls "IS"', async (text) => {
    expect(await search('actors', text)).toContain('is');
  });

  it('q=IS finds the actor named IS, and no name that merely contains the letters "is"', async () => {
    expect(await search('actors', 'IS')).toEqual(['is']);
    expect(await search('places', 'IS')).toEqual([]);
    expect(await search('sources', 'IS')).toEqual([]);
    expect(await search('articles', 'IS')).toEqual([]);
    // …nor as the start of a word: IS is too short a prefix for Islamic, ISIS, District.
    expect(await search('actors', 'is')).toEqual(['is']);
  });

  it('q=IS finds every actor with IS as a name or alias, the one named IS first', async () => {
    const response = await post(given, '/v1/actors/isis/variants', { variants: ['IS'] });
    expect(response.statusCode, response.body).toBe(201);
    expect(await search('actors', 'IS')).toEqual(['is', 'isis']);
  });
});

describe('results are ranked: exact name > variant or alias > folded > whole words > word starts', () => {
  it.each([
    // The display name (cod-sy0902, cod-sy090200) before a variant (al-bukamal) before whole words (the district).
    ['Abu Kamal', ['cod-sy0902', 'cod-sy090200', 'al-bukamal', 'abu-kamal-district']],
    // The display name (al-bukamal: Al-Bukamal) before the folded name (Abu Kamal) before words written as one.
    ['Albukamal', ['al-bukamal', 'cod-sy0902', 'cod-sy090200', 'abu-kamal-district']],
    // Arabic: exact names first, then names it is a word of (منطقة البوكمال, مركز البوكمال).
    ['البوكمال', ['al-bukamal', 'cod-sy0902', 'abu-kamal-district', 'cod-sy090200']],
    // Word starts come last: "Maya" begins al-Mayadin and Al Mayadin.
    ['Mayadin', ['al-mayadin', 'cod-sy0903', 'cod-sy090300', 'al-mayadin-district']],
    ['Maya', ['al-mayadin-district', 'al-mayadin', 'cod-sy0903', 'cod-sy090300']],
    // Every query word, in any order.
    ['Governorate Zor Deir', ['deir-ez-zor-governorate']],
  ])('q=%s → %j', async (text, expected) => {
    expect(await search('places', text)).toEqual(expected);
  });

  it('ranks before it pages: the first page holds the best matches', async () => {
    expect(await idsOf(given, `/v1/places?q=${q('Abu Kamal')}&limit=2`)).toEqual(['cod-sy0902', 'cod-sy090200']);
    const second = (await get(given, `/v1/places?q=${q('Abu Kamal')}&limit=2&offset=2`)).json();
    expect(second).toMatchObject({ total: 4, next: null });
    expect(second.items.map((p: { id: string }) => p.id)).toEqual(['al-bukamal', 'abu-kamal-district']);
  });
});

describe('lookups by gazetteer key', () => {
  it('finds places by OCHA P-code, in any case', async () => {
    expect(await idsOf(given, '/v1/places?pcode=SY0902')).toEqual(['abu-kamal-district', 'cod-sy0902']);
    expect(await idsOf(given, '/v1/places?pcode=sy090203')).toEqual(['al-susa', 'cod-sy090203']);
    expect(await idsOf(given, '/v1/places?pcode=SY9999')).toEqual([]);
  });

  it('combines a P-code with a name search', async () => {
    expect(await idsOf(given, `/v1/places?pcode=SY0902&q=${q('Albu Kamal District')}`)).toEqual(['abu-kamal-district']);
  });

  it('finds a place by GeoNames id', async () => {
    // A test value, not a real GeoNames id.
    const place = { id: 'geonames-test-village', names: { en: 'Test village' }, kind: 'village', geonamesId: 990001 };
    expect((await post(given, '/v1/places', place)).statusCode).toBe(201);
    expect(await idsOf(given, '/v1/places?geonamesId=990001')).toEqual(['geonames-test-village']);
    expect(await idsOf(given, '/v1/places?geonamesId=990002')).toEqual([]);
  });

  it.each(['geonamesId=abc', 'geonamesId=-1', `pcode=${'X'.repeat(41)}`])(
    'refuses a malformed lookup (%s) as a 400 naming the parameter',
    async (query) => {
      const response = await get(given, `/v1/places?${query}`);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ in: 'querystring' }] });
    },
  );
});

/**
 * A respelling of a COD-AB English name the way other sources transliterate it: dashes as
 * spaces, apostrophes dropped, the article in another form (Ar- → Al-, Al → El), diphthongs
 * and vowels written otherwise (ei → ay, ou → u, ee → i, e → i), doubled letters single —
 * and "al-" before a name none of these change. Always a spelling `normalizeForSearch` alone
 * does not equate with the original.
 */
const respell = (en: string): string => {
  let text = en.replace(/['’]/g, '').replace(/-/g, ' ');
  text = /^(al|el) /i.test(text)
    ? text.replace(/^(al|el) /i, (article) => (article.toLowerCase() === 'al ' ? 'El-' : 'Al-'))
    : text.replace(/^(a[dnrstz]h?) /i, 'Al-');
  text = text
    .replace(/ei/g, 'ay')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/([a-z])\1/g, '$1')
    // e for i within longer words (Idleb → Idlib), not in the articles (ez, el).
    .replace(/\b[a-z]{3,}\b/gi, (word) => word.replace(/e(?=[a-z])/g, 'i'));
  return normalizeForSearch(text) === normalizeForSearch(en) ? `al-${text}` : text;
};

/** The Arabic name with the article taken off every word (الحسكة → حسكة, دير الزور → دير زور). */
const withoutArticle = (ar: string) =>
  ar
    .split(' ')
    .map((word) => word.replace(/^ال(?=..)/, ''))
    .join(' ');

describe('every governorate and district of COD-AB Syria is found as people write it', () => {
  let gazette: GivenApp;
  const units = gazetteer().filter((row) => row.level === 'adm1' || row.level === 'adm2');

  beforeAll(async () => {
    gazette = await givenApp();
    await registerRows(gazette, units);
  });
  afterAll(() => gazette.close());

  it('has the 14 governorates and 62 districts', () => {
    expect(units).toHaveLength(76);
  });

  it.each(units.map((row) => [row.pcode, row.en, respell(row.en), withoutArticle(row.ar)]))(
    '%s %s: by its English name, as "%s", and as "%s"',
    async (pcode, en, respelled, arabic) => {
      for (const text of [en, respelled, arabic]) {
        expect(await idsOf(gazette, `/v1/places?q=${q(text!)}&limit=1000`), text).toContain(codId(pcode!));
      }
    },
  );
});
