import { foldCharacter } from '../search.js';

/**
 * Running text in its searchable form, with the way back to the original. Each folded
 * character `i` came from the original UTF-16 range `[start[i], end[i])` and belongs to word
 * `word[i]`. Folding is `normalizeForSearch`'s (hamza seats, taa marbuta, alef maqsura,
 * harakat, tatweel, Persian/Urdu/Kurdish letter forms, case, Latin accents), so a name folded
 * with `normalizeForSearch` is found in the folded text whatever spelling the writer chose.
 *
 * Separators (spaces, punctuation, «», hyphens) are dropped from `folded` as they are from
 * names, so "Al-Bukamal", "Al Bukamal" and "Albukamal" match alike; they end a word, which is
 * how a match is held to whole words. Marks, tatweel and letters that fold to nothing (a bare
 * hamza) do not end a word: `اللقاء` and `المـيادين` stay one word each.
 */
export interface FoldedText {
  readonly folded: string;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly word: Int32Array;
}

/** Letters, digits and marks belong to a word; anything else separates words. */
const IN_WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * Each distinct character folded once: a text repeats a few hundred characters thousands of
 * times, and `foldCharacter` (NFKD, regular expressions) is costly per call. A pure memo: the
 * same character always folds the same way. `null` marks a separator.
 */
const FOLDS = new Map<string, string | null>();
const foldOf = (char: string): string | null => {
  let folded = FOLDS.get(char);
  if (folded === undefined) {
    folded = IN_WORD.test(char) ? foldCharacter(char) : null;
    if (FOLDS.size < 100_000) FOLDS.set(char, folded);
  }
  return folded;
};

export const foldText = (text: string): FoldedText => {
  const folded: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const word: number[] = [];
  let wordIndex = 0;
  let inWord = false;
  let offset = 0;
  for (const char of text) {
    const next = offset + char.length;
    const folding = foldOf(char);
    if (folding !== null) {
      inWord = true;
      for (const f of folding) {
        folded.push(f);
        start.push(offset);
        end.push(next);
        word.push(wordIndex);
      }
    } else if (inWord) {
      inWord = false;
      wordIndex++;
    }
    offset = next;
  }
  return {
    folded: folded.join(''),
    start: Int32Array.from(start),
    end: Int32Array.from(end),
    word: Int32Array.from(word),
  };
};

/** Whether folded index `i` starts a word (or the text). */
export const startsWord = (t: FoldedText, i: number): boolean => i === 0 || t.word[i - 1] !== t.word[i];

/** Whether folded index `i` (exclusive end) ends a word (or the text). */
export const endsWord = (t: FoldedText, i: number): boolean => i >= t.folded.length || t.word[i - 1] !== t.word[i];

/** The folded index where the word holding folded index `i` begins. */
export const wordStartOf = (t: FoldedText, i: number): number => {
  let j = i;
  while (j > 0 && t.word[j - 1] === t.word[i]) j--;
  return j;
};

/**
 * Arabic proclitics a word may carry before a name or a trigger word: a conjunction (و، ف),
 * then a preposition (ب، ل، ك), then the article ال — `والرقة`, `بمدينة`, `فالإجتماع`,
 * `وبالبوكمال` — or the contraction لل of ل + ال (`للحرس`). Folded forms (no hamza).
 */
const CLITICS = /^(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)$/;

/**
 * Whether a match at folded `[from, to)` stands on whole words: it ends a word (unless it is
 * a `stem`, which any ending may follow: `سيطر` in `سيطرت`), and starts one or follows only
 * Arabic proclitics inside its word (`clitics`). Returns the proclitic letters before it (''
 * when it starts the word), or undefined when it does not stand alone.
 */
export const wholeWordPrefix = (t: FoldedText, from: number, to: number, clitics: boolean, stem = false): string | undefined => {
  if (!stem && !endsWord(t, to)) return undefined;
  if (startsWord(t, from)) return '';
  if (!clitics) return undefined;
  const prefix = t.folded.slice(wordStartOf(t, from), from);
  return CLITICS.test(prefix) ? prefix : undefined;
};

/** The original offsets of folded `[from, to)`. */
export const originalSpan = (t: FoldedText, from: number, to: number): { start: number; end: number } => ({
  start: t.start[from]!,
  end: t.end[to - 1]!,
});
