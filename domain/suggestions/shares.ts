import { ARABIC_TENS, ARABIC_UNITS, ENGLISH_NUMBERS, PERCENT_WORDS } from './lexicon.js';

/**
 * Percentages in running text, as control shares (0 < share ≤ 1): `80 بالمئة`, `80 في
 * المائة`, `80%`, `٨٠٪`, `80 percent`, `ثمانين بالمئة`, `خمسة وسبعين بالمئة`, "eighty per
 * cent". The words come from the lexicon (`PERCENT_WORDS`, the number words). Read on the
 * original text (digits mapped to ASCII one for one, so offsets hold), as regular
 * expressions: a percentage is a short fixed shape, unlike names.
 */
export interface ShareHit {
  readonly share: number;
  readonly start: number;
  readonly end: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A written Arabic word, tolerant of the spellings writers mix: ة/ه, ئ/ي/ء, أ/ا. */
const arabicLoose = (word: string) =>
  [...word]
    .map((c) => (c === 'ة' || c === 'ه' ? '[ةه]' : c === 'ئ' ? '[ئيء]' : c === 'أ' || c === 'ا' ? '[أاإ]' : escapeRegExp(c)))
    .join('');

const alternatives = (words: readonly string[]) =>
  words
    .toSorted((a, b) => b.length - a.length)
    .map((w) => arabicLoose(w).replace(/ /g, '\\s*'))
    .join('|');

const PERCENT = `(?:${alternatives(PERCENT_WORDS)})`;
const UNIT = `(?:${alternatives(Object.keys(ARABIC_UNITS))})`;
const TENS = `(?:${alternatives(Object.keys(ARABIC_TENS))})`;
const ENGLISH = `(?:${alternatives(Object.keys(ENGLISH_NUMBERS))})`;

const DIGITS = new RegExp(`(\\d{1,3}(?:[.,٫]\\d{1,2})?)\\s*${PERCENT}`, 'giu');
const ARABIC_WORDS = new RegExp(`(?<![\\p{L}])(?:(${UNIT})\\s+و)?(${TENS})\\s+${PERCENT}`, 'gu');
const ENGLISH_WORDS = new RegExp(`\\b(${ENGLISH})(?:[-\\s](one|two|three|four|five|six|seven|eight|nine))?\\s+${PERCENT}`, 'giu');

const ENGLISH_UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };

/** Arabic-Indic and Extended Arabic-Indic digits to ASCII, one code unit each (offsets unchanged). */
const asciiDigits = (text: string) => text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));

const lookUp = (table: Readonly<Record<string, number>>, written: string): number => {
  const squash = (s: string) => s.replace(/[ةه]/g, 'ه').replace(/[ئيء]/g, 'ي').replace(/[أاإ]/g, 'ا').toLowerCase();
  const key = Object.keys(table).find((k) => squash(k) === squash(written.replace(/\s+/g, ' ')));
  return key === undefined ? 0 : table[key]!;
};

const asShare = (percent: number) => (percent > 0 && percent <= 100 ? Math.round(percent * 100) / 10_000 : undefined);

export const findShares = (text: string): ShareHit[] => {
  const digits = asciiDigits(text);
  const found: ShareHit[] = [];
  const push = (percent: number, match: RegExpExecArray) => {
    const share = asShare(percent);
    if (share !== undefined) found.push({ share, start: match.index, end: match.index + match[0].length });
  };
  for (const m of digits.matchAll(DIGITS)) push(Number(m[1]!.replace(/[,٫]/, '.')), m);
  for (const m of text.matchAll(ARABIC_WORDS)) push(lookUp(ARABIC_TENS, m[2]!) + (m[1] ? lookUp(ARABIC_UNITS, m[1]) : 0), m);
  for (const m of text.matchAll(ENGLISH_WORDS))
    push(lookUp(ENGLISH_NUMBERS, m[1]!) + (m[2] ? (ENGLISH_UNITS[m[2].toLowerCase()] ?? 0) : 0), m);
  return found.sort((a, b) => a.start - b.start);
};
