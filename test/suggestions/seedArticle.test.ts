import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { ARTICLE_ID } from '../../services/demo/workedExample.js';
import { post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';
import { ARABIC_EXPECTED, ARABIC_TEXT, ENGLISH_EXPECTED, ENGLISH_TEXT } from './ownTexts.expected.js';
import { matches, measure, report, type Suggested } from './quality.js';
import { SEED_EXPECTED } from './seedArticle.expected.js';

/**
 * Quality measured, not assumed (issue 15 §5): the suggestions for the seed article (read
 * from `../shared/seed/`, never copied here) and for two texts of our own, against the claims
 * a careful analyst takes from them, written by hand before the rules. Precision and recall
 * are printed; every control-affecting claim must be suggested with the right place, actor
 * and share. Through the public API, on the worked example's registry.
 */
const SEED = join(import.meta.dirname, '..', '..', '..', 'shared', 'seed', 'alquds-deir-ez-zor-article.ar.txt');

let given: GivenApp;
beforeAll(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
});
afterAll(() => given.close());

const suggest = async (text: string): Promise<Suggested[]> => {
  const response = await post(given, `/v1/articles/${ARTICLE_ID}/suggestions?minPosition=${await given.head()}`, {
    text,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().claims;
};

describe('suggestion quality', () => {
  it('on the seed article: every control-affecting claim with its place, actor and share; precision and recall reported', async () => {
    const suggested = await suggest(readFileSync(SEED, 'utf8'));
    const quality = measure(suggested, SEED_EXPECTED);
    report('the seed article', quality);
    for (const expected of SEED_EXPECTED.filter((e) => e.controlAffecting)) {
      expect(
        suggested.some((s) => matches(s, expected)),
        expected.label,
      ).toBe(true);
    }
    const susa = suggested.find((s) => s.kind === 'control' && s.placeId === 'al-susa');
    expect(susa).toMatchObject({ actorIds: ['deir-ez-zor-military-council'], share: 0.8 });
    expect(quality.recall).toBeGreaterThanOrEqual(0.875);
    expect(quality.precision).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    ['our Arabic text', ARABIC_TEXT, ARABIC_EXPECTED],
    ['our English text', ENGLISH_TEXT, ENGLISH_EXPECTED],
  ] as const)('on %s: the other kinds, with precision and recall reported', async (name, text, expected) => {
    const suggested = await suggest(text);
    const quality = measure(suggested, expected);
    report(name, quality);
    for (const e of expected.filter((x) => x.controlAffecting)) {
      expect(
        suggested.some((s) => matches(s, e)),
        e.label,
      ).toBe(true);
    }
    expect(quality.recall).toBeGreaterThanOrEqual(0.8);
    expect(quality.precision).toBeGreaterThanOrEqual(0.75);
  });
});
