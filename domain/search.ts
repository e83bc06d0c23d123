/**
 * Name search that forgives the ways the same name is written: in Latin, case, diacritics
 * and transliteration punctuation (Al-Mayādīn, al mayadin, Al‘Mayadin); in Arabic, the
 * hamza seats, taa marbuta, alef maqsura, tatweel and harakat that writers use or omit
 * freely (الميادين, المَيَادِين; السوسة, السوسه). It does not transliterate between scripts:
 * a place's `variants` carry the other spellings.
 */

import { ARABIC_LETTER_VARIANTS } from './arabicLetterVariants.js';

/**
 * Latin letters without a decomposition, folded to their usual ASCII spelling. Arabic-script
 * letters fold through `ARABIC_LETTER_VARIANTS` (hamza seats, taa marbuta, alef maqsura, and
 * the letter forms of Persian, Urdu and Kurdish keyboards).
 */
const LATIN_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

const asciiDigit = (char: string): string => {
  const code = char.codePointAt(0)!;
  for (const zero of [ARABIC_INDIC_ZERO, EXTENDED_ARABIC_INDIC_ZERO]) {
    if (code >= zero && code <= zero + 9) return String(code - zero);
  }
  return char;
};

/**
 * The searchable form of one character (a code point), as `normalizeForSearch` folds it: ""
 * for a mark, a separator or a letter that folds to nothing (hamza, tatweel), else one or
 * more folded letters or digits. Matching running text (`domain/suggestions/foldText.ts`)
 * folds character by character with this, so it keeps where each folded letter came from.
 */
export const foldCharacter = (char: string): string =>
  [...char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()]
    .map((c) => ARABIC_LETTER_VARIANTS.get(c) ?? LATIN_FOLDS[c] ?? asciiDigit(c))
    .join('')
    .replace(/[^\p{L}\p{N}]|\p{Lm}/gu, '');

/**
 * The searchable form of a text. Steps, in order:
 * 1. NFKD, then drop every combining mark: Latin accents (ā → a), Arabic harakat
 *    (U+064B–U+065F, U+0670) and the hamza/madda split off the alef, waw and yaa seats.
 *    NFKD also maps Arabic presentation forms and ligatures (ﻻ) to plain letters.
 * 2. Lowercase, fold the interchangeable letters above, map Arabic-Indic digits to 0–9.
 * 3. Keep only letters and digits. Spaces, hyphens and apostrophes go, so "Al-Bukamal",
 *    "al bukamal" and "Albukamal" (and البوكمال, البو كمال) read the same: transliterations
 *    split the article and compounds inconsistently. Modifier letters go too: the ʿayn and
 *    ʾhamza marks of transliteration (Deir ez-Zor, Dayr az-Zawr) and the Arabic tatweel ـ,
 *    which only stretches a word.
 */
export const normalizeForSearch = (text: string): string => foldLetters(text).replace(/[^\p{L}\p{N}]|\p{Lm}/gu, '');

/**
 * Steps 1 and 2 of {@link normalizeForSearch} alone: the text with its letters folded and
 * everything else (spaces, hyphens, apostrophes, modifier letters) kept, for callers that
 * split it into words first (`nameFolding.ts`).
 */
export const foldLetters = (text: string): string =>
  [...text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()]
    .map((char) => ARABIC_LETTER_VARIANTS.get(char) ?? LATIN_FOLDS[char] ?? asciiDigit(char))
    .join('');
