import { describe, expect, it } from 'vitest';
import { ARABIC_LETTER_VARIANTS } from '../../domain/arabicLetterVariants.js';
import { normalizeForSearch } from '../../domain/search.js';

/** The 28 letters of the Arabic alphabet (taa marbuta and alef maqsura fold onto ه and ي). */
const ARABIC_ALPHABET = new Set('ابتثجحخدذرزسشصضطظعغفقكلمنهوي');

/** Every code point Node's Unicode data places in the Arabic script and calls a letter. */
const arabicScriptLetters = (): string[] => {
  const letters: string[] = [];
  for (let codePoint = 0x0600; codePoint <= 0x1eeff; codePoint++) {
    const char = String.fromCodePoint(codePoint);
    if (/\p{Script=Arabic}/u.test(char) && /\p{L}/u.test(char)) letters.push(char);
  }
  return letters;
};

const hex = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('Arabic-script letter variants fold onto the Arabic letter they stand for', () => {
  it.each([
    // [typed, meant, keyboard]
    ['ھ', 'ه', 'Urdu heh doachashmee U+06BE'],
    ['ہ', 'ه', 'Urdu heh goal U+06C1'],
    ['ۂ', 'ه', 'Urdu heh goal with hamza U+06C2'],
    ['ۃ', 'ه', 'Urdu teh marbuta goal U+06C3'],
    ['ە', 'ه', 'Kurdish ae U+06D5'],
    ['ۀ', 'ه', 'Persian heh with yeh above U+06C0'],
    ['ی', 'ي', 'Persian/Urdu Farsi yeh U+06CC'],
    ['ې', 'ي', 'Pashto/Uyghur e U+06D0'],
    ['ێ', 'ي', 'Kurdish yeh with small v U+06CE'],
    ['ے', 'ي', 'Urdu yeh barree U+06D2'],
    ['ک', 'ك', 'Persian/Urdu keheh U+06A9'],
    ['ڪ', 'ك', 'Sindhi swash kaf U+06AA'],
    ['گ', 'ك', 'Persian gaf U+06AF'],
    ['ۆ', 'و', 'Kurdish oe U+06C6'],
    ['ۇ', 'و', 'Uyghur u U+06C7'],
    ['ڕ', 'ر', 'Kurdish reh with small v below U+0695'],
    ['ڵ', 'ل', 'Kurdish lam with small v U+06B5'],
    ['ڤ', 'ف', 'Kurdish veh U+06A4'],
    ['پ', 'ب', 'Persian peh U+067E'],
    ['چ', 'ج', 'Persian tcheh U+0686'],
    ['ژ', 'ز', 'Persian jeh U+0698'],
    ['ں', 'ن', 'Urdu noon ghunna U+06BA'],
    ['ٹ', 'ت', 'Urdu tteh U+0679'],
    ['ڈ', 'د', 'Urdu ddal U+0688'],
    ['ڑ', 'ر', 'Urdu rreh U+0691'],
    ['ٸ', 'ي', 'Kazakh high hamza yeh U+0678'],
    ['ﮪ', 'ه', 'presentation form of heh doachashmee U+FBAA'],
    ['ﯼ', 'ي', 'presentation form of Farsi yeh U+FBFC'],
  ])('%s → %s (%s)', (typed, meant) => {
    expect(normalizeForSearch(typed)).toBe(normalizeForSearch(meant));
    expect(normalizeForSearch(`السوس${typed}`)).toBe(normalizeForSearch(`السوس${meant}`));
  });

  it('al-Susa typed on Urdu and Kurdish keyboards reads as the Arabic spelling', () => {
    for (const typed of ['السوسھ', 'السوسہ', 'السوسە', 'السوسۃ']) {
      expect(normalizeForSearch(typed), typed).toBe(normalizeForSearch('السوسة'));
    }
  });

  it('every Arabic-script letter Node knows (base, supplement, extended and presentation forms) folds into the Arabic alphabet', () => {
    const letters = arabicScriptLetters();
    // The blocks beside the Arabic block are there, not only U+0600–U+06FF.
    expect(letters.length).toBeGreaterThan(500);
    const escaped = letters.filter((letter) => {
      // Arabic Mathematical Alphabetic Symbols (U+1EE00–U+1EEFF) are math notation, not text.
      if (letter.codePointAt(0)! >= 0x1ee00) return false;
      return [...normalizeForSearch(letter)].some((char) => !ARABIC_ALPHABET.has(char));
    });
    expect(escaped.map((letter) => `${hex(letter)} ${letter} → ${normalizeForSearch(letter)}`)).toEqual([]);
  });

  it('folds only onto letters of the Arabic alphabet, never onto another variant', () => {
    for (const [letter, folded] of ARABIC_LETTER_VARIANTS) {
      expect(
        [...folded].every((char) => ARABIC_ALPHABET.has(char)),
        `${hex(letter)} → ${folded}`,
      ).toBe(true);
    }
  });

  it('leaves the letters of the alphabet as they are', () => {
    for (const letter of ARABIC_ALPHABET) expect(normalizeForSearch(letter)).toBe(letter);
  });
});
