import { type FoldedName, type FoldedWord, foldName, foldVowels } from './nameFolding.js';
import type { Names } from './names.js';
import { normalizeForSearch } from './search.js';

/**
 * Name search by whole words, ranked (issue 11 §3). A query matches a name when every word
 * of the query is a whole word of the name, after folding (`nameFolding.ts`), in any order —
 * never when its letters merely occur inside another word: `IS` finds the actor named or
 * aliased IS, never "Raqqa Governorate" or "District". Ranks, best first:
 * - `exact` (0): the whole query is the display name (English or Arabic), as
 *   `normalizeForSearch` reads both;
 * - `variant` (1): the whole query is one of the variants or aliases, read the same way;
 * - `folded` (2): the whole query is a name once folded (Dayr az Zawr for Deir-ez-Zor,
 *   السوسة for سوسة, Albu Kamal for Abu Kamal);
 * - `words` (3): every word of the query is a word of a name, folded (Deir ez-Zor in
 *   Deir ez-Zor Governorate); two neighbouring words may be written as one (Abukamal);
 * - `prefix` (4): as `words`, but a query word of three letters or more may also be the
 *   start of a name's word (Maya for al-Mayadin), for search as one types.
 */
export const NAME_RANKS = ['exact', 'variant', 'folded', 'words', 'prefix'] as const;
export type NameRank = (typeof NAME_RANKS)[number];

/** A name prepared once for many queries: its normalised whole and its folded words. */
export interface PreparedName {
  readonly normalized: string;
  readonly folded: FoldedName;
}

/** The names of one entity, prepared: its display names (English, Arabic) and its variants and aliases. */
export interface PreparedNames {
  readonly display: readonly PreparedName[];
  readonly variants: readonly PreparedName[];
}

/** A query prepared once for many names. */
export type PreparedQuery = PreparedName;

/** The shortest query word that may match as the start of a word: shorter ones (IS, al) match whole words only. */
export const MIN_PREFIX_LENGTH = 3;

export const prepareName = (text: string): PreparedName => ({ normalized: normalizeForSearch(text), folded: foldName(text) });
export const prepareQuery: (query: string) => PreparedQuery = prepareName;

export const prepareNames = (names: Names): PreparedNames => ({
  display: [names.en, ...(names.ar !== undefined ? [names.ar] : [])].map(prepareName),
  variants: names.variants.map(prepareName),
});

const sameWord = (forms: readonly string[], name: FoldedName): boolean =>
  forms.some((form) => name.words.some((w) => w.forms.includes(form)) || name.joins.includes(form));

const startsWord = (word: FoldedWord, name: FoldedName): boolean =>
  word.literal.length >= MIN_PREFIX_LENGTH &&
  name.words.some(
    (w) =>
      w.literal.startsWith(word.literal) ||
      word.forms.some((f) => f.length >= MIN_PREFIX_LENGTH && w.forms.some((g) => g.startsWith(f))),
  );

/**
 * Whether every query word is in the name: as a word (or two neighbouring name words written
 * as one), or — two neighbouring query words written apart — together as one name word; with
 * `prefixes`, a query word may also start a name word.
 */
const wordsIn = (query: FoldedName, name: FoldedName, prefixes: boolean): boolean => {
  const words = query.words;
  const found = words.map((w) => sameWord(w.forms, name) || (prefixes && startsWord(w, name)));
  for (let i = 0; i + 1 < words.length; i++) {
    if (found[i] && found[i + 1]) continue;
    if (sameWord([foldVowels(words[i]!.stem + words[i + 1]!.stem)], name)) found[i] = found[i + 1] = true;
  }
  return found.every(Boolean);
};

/** How one name matches the query, among the folded ranks, or undefined. */
const foldedRank = (query: FoldedName, name: FoldedName): NameRank | undefined => {
  if (query.words.length === 0) return undefined;
  // A query of articles alone ("al") would match nothing once they are set apart: it matches them as written.
  if (query.onlyArticles) return query.articles.every((a) => name.articles.includes(a)) ? 'words' : undefined;
  if (query.key === name.key) return 'folded';
  if (wordsIn(query, name, false)) return 'words';
  if (wordsIn(query, name, true)) return 'prefix';
  return undefined;
};

const better = (a: NameRank | undefined, b: NameRank | undefined): NameRank | undefined =>
  a === undefined ? b : b === undefined ? a : NAME_RANKS.indexOf(a) <= NAME_RANKS.indexOf(b) ? a : b;

/**
 * The best rank at which the query finds any of the names, or undefined when it finds none.
 * A query with nothing searchable in it (only punctuation) finds nothing: the caller treats an
 * empty query as no query.
 */
export const rankNames = (query: PreparedQuery, names: PreparedNames): NameRank | undefined => {
  if (query.normalized === '') return undefined;
  if (names.display.some((n) => n.normalized === query.normalized)) return 'exact';
  if (names.variants.some((n) => n.normalized === query.normalized)) return 'variant';
  let best: NameRank | undefined;
  for (const name of [...names.display, ...names.variants]) best = better(best, foldedRank(query.folded, name.folded));
  return best;
};

/** The index of a rank in {@link NAME_RANKS}: lower is better, for sorting. */
export const rankOrder = (rank: NameRank): number => NAME_RANKS.indexOf(rank);
