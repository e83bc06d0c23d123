import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../domain/search.js';

describe('normalizeForSearch: spellings that must read the same', () => {
  it.each([
    // Latin: case, diacritics, transliteration punctuation, spacing and hyphens.
    ['Al-Bukamal', 'al bukamal'],
    ['Al-Bukamal', 'Albukamal'],
    ['Al-Mayādīn', 'al-mayadin'],
    ['Deir ez-Zor', 'DEIR EZ ZOR'],
    ['ʿAyn al-ʿArab', "'Ayn al-'Arab"],
    ['ʿAyn al-ʿArab', 'Ayn al Arab'],
    ['Ḥay al-Jamʿiyāt', 'Hay al-Jamiyat'],
    ['Raqqa’s', "Raqqa's"],
    ['Straße', 'strasse'],
    ['İdlib', 'idlib'],
    // Arabic: word spacing, harakat, hamza seats, taa marbuta, alef maqsura, tatweel.
    ['البوكمال', 'البو كمال'],
    ['الميادين', 'المَيَادِين'],
    ['السوسة', 'السوسه'],
    ['أبو كمال', 'ابو كمال'],
    ['إدلب', 'ادلب'],
    ['آل', 'ال'],
    ['ٱلرقة', 'الرقه'],
    ['مسؤول', 'مسوول'],
    ['هيئة', 'هييه'],
    ['مصطفى', 'مصطفي'],
    ['الشهداء', 'الشهدا'],
    ['ديـــر الزور', 'دير الزور'],
    ['سوريّة', 'سورية'],
    ['الرحمٰن', 'الرحمن'],
    // Presentation forms and ligatures, as some PDFs and old encodings give them.
    ['ﺍﻟﺒﻮﻛﻤﺎﻝ', 'البوكمال'],
    ['ﻻ', 'لا'],
    // Digits.
    ['٨٠٪', '80%'],
    ['۲۰۱۸', '2018'],
  ])('%s ≡ %s', (a, b) => {
    expect(normalizeForSearch(a)).toBe(normalizeForSearch(b));
  });
});

describe('normalizeForSearch: spellings that stay apart', () => {
  it.each([
    ['Mayadin', 'Mayadeen', 'different vowels are different transliterations: variants carry them'],
    ['السوسة', 'السويسة', 'a different letter'],
    ['al-Susa', 'السوسة', 'no transliteration between scripts'],
    ['ح', 'ه', 'haa and ḥaa are different letters'],
  ])('%s ≢ %s (%s)', (a, b) => {
    expect(normalizeForSearch(a)).not.toBe(normalizeForSearch(b));
  });

  it('keeps the letters it is given, lowercased', () => {
    expect(normalizeForSearch('Al-Bukamal')).toBe('albukamal');
    expect(normalizeForSearch('السوسة')).toBe('السوسه');
  });
});
