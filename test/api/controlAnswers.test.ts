import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { ARTICLE_ID } from '../../services/demo/workedExample.js';
import { aControlClaim, get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * `GET /v1/control` keeps the bodies it rendered until the read models move
 * (`services/http/renderedAnswers.ts`): asked again, a question gets the same bytes; after an
 * event, the answer the event changes. On the worked example (al-Susa: ISIS from October 2018,
 * the SDF's council 80% from 13 November).
 */
let given: GivenApp;
let loaded: string;
beforeAll(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
  loaded = (await given.head()).toString();
});
afterAll(() => given.close());

type PlaceAnswer = { placeId: string; controller: string | null };
const susa = (answer: { places: PlaceAnswer[] }) => answer.places.find((p) => p.placeId === 'al-susa');

describe('GET /v1/control, asked again', () => {
  it('answers a question asked again with the same answer until an event changes it, whatever was asked between', async () => {
    const asked = [
      ['/v1/control?at=2018-11-14', {}],
      ['/v1/control?at=2018-11-14&claimIds=false', {}],
      ['/v1/control?at=2018-11-14', { accept: 'application/geo+json' }],
      ['/v1/control?at=2018-11-12', {}],
      [`/v1/control?at=2018-11-14&asOf=${loaded}`, {}],
    ] as const;
    const bodies = async () => {
      const out: string[] = [];
      for (const [url, headers] of asked) {
        const response = await get(given, url, headers);
        expect(response.statusCode, response.body).toBe(200);
        out.push(`${response.headers['content-type']}\n${response.body}`);
      }
      return out;
    };
    const first = await bodies();
    expect(new Set(first).size, 'each question its own answer').toBe(first.length - 1); // asOf=<head> is "now"
    expect(first[4]).toBe(first[0]);
    expect(JSON.parse(first[1]!.slice(first[1]!.indexOf('\n') + 1)).places[0]).not.toHaveProperty('claimIds');
    expect(susa(JSON.parse(first[3]!.slice(first[3]!.indexOf('\n') + 1)))).toMatchObject({ controller: 'isis' });
    expect(await bodies()).toEqual(first);
    // An event that changes al-Susa's control on 2018-11-14: ISIS retakes it, share 1, recorded now.
    const before = await given.head();
    const recorded = await post(
      given,
      '/v1/claims',
      aControlClaim({
        id: 'isis-retakes-al-susa',
        articleId: ARTICLE_ID,
        actorIds: ['isis'],
        share: 1,
        validTime: { date: '2018-11-14' },
      }),
    );
    expect(recorded.statusCode, recorded.body).toBeLessThan(300);
    const after = await bodies();
    expect(susa(JSON.parse(after[0]!.slice(after[0]!.indexOf('\n') + 1)))).toMatchObject({ controller: 'isis' });
    // As of the earlier position, the answer is what it was.
    const asOfBefore = await get(given, `/v1/control?at=2018-11-14&asOf=${before}`);
    expect(`${asOfBefore.headers['content-type']}\n${asOfBefore.body}`.replace(`"asOf":"${before}"`, '')).toBe(
      first[0]!.replace(`"asOf":"${loaded}"`, ''),
    );
  });
});
