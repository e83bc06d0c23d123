/**
 * Names split into words and folded the way transliterations of Arabic names vary, so that
 * "Dayr az-Zawr", "Deir ez-Zor" and "Deir Ezzor" read alike, and so do "Albu Kamal",
 * "Al-Bu Kamal" and "Abu Kamal", and السوسة and سوسة. `normalizeForSearch` (letters, hamza
 * seats, case, diacritics) comes first; this adds what it cannot do on a whole string:
 * - words: spaces, hyphens and other punctuation separate them; apostrophes and the ʿayn
 *   and hamza marks of transliteration do not (Dar'a is one word, dara);
 * - the definite article: a word that is only an article (al, el, ez, az, as-, ash-, ال) is
 *   set apart; an article glued to its word (Almayadin, Ezzor, البوكمال, and in Arabic with
 *   the clitics و ف ب ك before it, or لل) is folded off;
 * - Abu, Abou, Albu and Al-Bu (أبو, البو) are one form, so Abu Kamal and Albu Kamal meet;
 * - Latin spellings: a final h after a vowel (Raqqah, Hasakeh), doubled letters (Raqqa,
 *   Mayadeen), and vowels: any run of vowels, and y or w closing one (Deir/Dayr, Zor/Zawr/Zour,
 *   Idleb/Idlib), fold to one vowel — but only in words with at least two consonants, so
 *   that short words (IS, US, AS) keep their letters and never meet each other.
 * Pure, and deterministic: the same text always folds the same way.
 */

import { foldLetters } from './search.js';

/** One word of a name, as search compares it. */
export interface FoldedWord {
  /** The word's letters, normalised (`normalizeForSearch` of the word): what a prefix of it is typed as. */
  readonly literal: string;
  /** The word without a glued article, with Abu in its one form and the final h dropped: what joins to its neighbours. */
  readonly stem: string;
  /** Every form the word folds to (one, or two when a glued article or Abu may or may not be one). */
  readonly forms: readonly string[];
}

/** A name folded for search. */
export interface FoldedName {
  /** Its words, without the articles that stand alone. */
  readonly words: readonly FoldedWord[];
  /** The articles that stand alone (al, ez, ال), normalised: a query of articles only matches these. */
  readonly articles: readonly string[];
  /** The name is articles only ("al"): its words are then those articles, as written. */
  readonly onlyArticles: boolean;
  /** Each two neighbouring words folded as one (Abu Kamal → abukamal), for a query that writes them as one. */
  readonly joins: readonly string[];
  /** The whole name folded and joined, without its articles: equal keys are the same name written differently. */
  readonly key: string;
}

/** Apostrophes and modifier letters (ʿayn, hamza, tatweel) join the letters around them. */
const JOINERS = /[\p{Lm}'‘’`´]/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const LATIN_WORD = /^[a-z0-9]+$/;

/** The Latin article: al or el, and before the sun letters assimilated to them (ad-Dayr, ash-Sham, ez-Zor). */
const SUN_CONSONANTS = ['t', 'th', 'd', 'dh', 'r', 'z', 's', 'sh', 'n'];
const LATIN_ARTICLES: ReadonlySet<string> = new Set([
  'al',
  'el',
  'ul',
  ...['a', 'e'].flatMap((v) => SUN_CONSONANTS.map((c) => v + c)),
]);
/** Al or el glued to a word of at least three letters (Almayadin, Elbab). */
const GLUED_AL = /^[ae]l(?=[a-z0-9]{3})/;
/** An assimilated article glued to its word: the vowel before a doubled sun consonant (Ezzor, Arraqqa, Ashshaddadi). */
const GLUED_SUN_ARTICLE = /^[ae](?=(dh|sh|th|[tdrzsn])\1[a-z0-9]{2})/;
const ABU_WORD = /^(?:abu|abou|aboo|albu)$/;
const GLUED_ABU = /^(?:abu|abou|albu)(?=[a-z]{3})/;

/**
 * ال alone, or with the clitics before it: و or ف (and), then ب or ك (in, like) — وبال, فكال;
 * لل is ل (for) before ال, whose alef is not written (للسوسة), again after و or ف.
 */
const ARABIC_ARTICLE = '(?:[وف]?[بك]?ال|[وف]?لل)';
const ARABIC_ARTICLE_WORD = new RegExp(`^${ARABIC_ARTICLE}$`, 'u');
const GLUED_ARABIC_ARTICLE = new RegExp(`^${ARABIC_ARTICLE}(?=\\p{L}{2})`, 'u');
const ARABIC_ABU = /^ا(?=بو)/u;

const isArticle = (word: string): boolean => LATIN_ARTICLES.has(word) || ARABIC_ARTICLE_WORD.test(word);

/** The word without the article or Abu glued to its front, if it has one. */
const unglued = (word: string): string | undefined => {
  if (LATIN_WORD.test(word)) {
    if (GLUED_ABU.test(word)) return word.replace(GLUED_ABU, 'bu');
    if (GLUED_AL.test(word)) return word.replace(GLUED_AL, '');
    if (GLUED_SUN_ARTICLE.test(word)) return word.replace(GLUED_SUN_ARTICLE, '');
    return undefined;
  }
  const stripped = word.replace(GLUED_ARABIC_ARTICLE, '').replace(ARABIC_ABU, '');
  return stripped === word ? undefined : stripped;
};

/** Abu in its one form; a final h after a vowel (a written taa marbuta: Raqqah, Hasakeh) dropped. */
const spelled = (word: string): string => {
  if (!LATIN_WORD.test(word)) return word;
  if (ABU_WORD.test(word)) return 'bu';
  return word.length >= 4 ? word.replace(/(?<=[aeiou])h$/, '') : word;
};

/**
 * Doubled letters as one; then, in a Latin text with at least two consonants, every run of
 * vowels (with a y or w that closes it: the diphthongs of Dayr and Zawr) as one `a`.
 */
export const foldVowels = (text: string): string => {
  if (!LATIN_WORD.test(text)) return text;
  const single = text.replace(/(.)\1+/g, '$1');
  const closed = single.replace(/(?<=[aeiou])[yw](?![aeiou])/g, 'a');
  if (closed.replace(/[aeiou]/g, '').length < 2) return single;
  return closed.replace(/[aeiou]+/g, 'a');
};

const foldWord = (literal: string): FoldedWord => {
  const bare = unglued(literal);
  const stem = spelled(bare ?? literal);
  const forms = new Set([foldVowels(spelled(literal)), foldVowels(stem)]);
  return { literal, stem, forms: [...forms] };
};

/** The normalised words of a text, split where `normalizeForSearch` would drop a separator. */
export const wordsOf = (text: string): string[] =>
  foldLetters(text)
    .replace(JOINERS, '')
    .split(SEPARATORS)
    .filter((word) => word.length > 0);

/** A name (or a query) folded for search: its words, standalone articles, neighbour joins and whole key. */
export const foldName = (text: string): FoldedName => {
  const all = wordsOf(text);
  const articles = all.filter(isArticle);
  // A name that is only articles (a query "al") keeps them as its words.
  const onlyArticles = articles.length > 0 && articles.length === all.length;
  const words = (onlyArticles ? all : all.filter((w) => !isArticle(w))).map(foldWord);
  const joins = words.slice(1).map((word, i) => foldVowels(words[i]!.stem + word.stem));
  return { words, articles, onlyArticles, joins, key: foldVowels(words.map((w) => w.stem).join('')) };
};
