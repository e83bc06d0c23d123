import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { ARTICLE_ID } from '../../services/demo/workedExample.js';
import { get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * `POST /v1/articles/{id}/suggestions` (issue 15 §1): suggestions with evidence spans,
 * nothing appended until an analyst accepts one through `POST /v1/claims`, which records
 * the suggestion id and text hash as the claim's provenance.
 */
const ANALYST = 'analyst-token-0123456789';
const READER = 'reader-token-0123456789';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const TEXT =
  'من جانبه، أعلن «مجلس دير الزور العسكري» التابع لـ «قوات سوريا الديمقراطية» (قسد)، السيطرة على ٨٠٪ من بلدة السوسة. ' +
  'وسيطرت قسد على قرية «الباغوز» شرق البوكمال.';
const url = `/v1/articles/${ARTICLE_ID}/suggestions`;

let given: GivenApp;
beforeAll(async () => {
  given = await givenApp({ SIJILL_TOKENS: `${ANALYST}=amina:analyst,${READER}=omar:reader` });
  await loadWorkedExample(given.store);
  await given.settle();
});
afterAll(() => given.close());

const suggest = (body: unknown, token = ANALYST) => post(given, url, body, auth(token));

describe('POST /v1/articles/{id}/suggestions', () => {
  it('answers suggestions whose every evidence span is the text it names, and appends nothing', async () => {
    const head = await given.head();
    const response = await suggest({ text: TEXT });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.textSha256).toBe(createHash('sha256').update(TEXT, 'utf8').digest('hex'));
    const control = body.claims.find((c: { kind: string; placeId?: string }) => c.kind === 'control' && c.placeId === 'al-susa');
    expect(control).toMatchObject({
      actorIds: ['deir-ez-zor-military-council'],
      share: 0.8,
      credibility: 3,
      rule: 'control:سيطر*',
      missing: [],
      quote: { language: 'ar' },
    });
    expect(control.evidence.share.text).toBe('٨٠٪');
    expect(control.evidence.placeId[0].text).toBe('السوسة');
    expect(control.evidence.actorIds[0].text).toBe('مجلس دير الزور العسكري');
    const spans = [...body.claims.flatMap((c: { evidence: Record<string, unknown> }) => Object.values(c.evidence).flat())];
    for (const span of [...spans, ...body.mentions.map((m: { span: unknown }) => m.span)] as {
      start: number;
      end: number;
      text: string;
    }[]) {
      expect(TEXT.slice(span.start, span.end)).toBe(span.text);
    }
    expect(await given.head()).toBe(head);
  });

  it('gives the same answer for the same text (ids and hash included)', async () => {
    const first = await suggest({ text: TEXT });
    const second = await suggest({ text: TEXT });
    expect(second.json()).toEqual(first.json());
  });

  it('returns a name the registry does not know as "register this place?", with its span, and the claim it would complete', async () => {
    const body = (await suggest({ text: TEXT })).json();
    const baghuz = body.registrations.find((r: { name: string }) => r.name === 'الباغوز');
    expect(baghuz).toMatchObject({ type: 'place', cue: { text: 'قرية' } });
    expect(TEXT.slice(baghuz.span.start, baghuz.span.end)).toBe('الباغوز');
    const incomplete = body.claims.find((c: { unresolved: string[] }) => c.unresolved.includes(baghuz.id));
    expect(incomplete).toMatchObject({ kind: 'control', actorIds: ['sdf'], missing: expect.arrayContaining(['placeId']) });
    expect(incomplete.claim).toBeUndefined();
  });

  it('accepting records the claim through POST /v1/claims with the suggestion id and text hash as provenance; twice is once', async () => {
    const body = (await suggest({ text: TEXT })).json();
    const control = body.claims.find((c: { kind: string; placeId?: string }) => c.kind === 'control' && c.placeId === 'al-susa');
    const accepted = await post(given, '/v1/claims', control.claim, auth(ANALYST));
    expect(accepted.statusCode, accepted.body).toBe(201);
    const head = await given.head();
    const again = await post(given, '/v1/claims', control.claim, auth(ANALYST));
    expect(again.statusCode).toBe(200);
    expect(await given.head()).toBe(head);
    const claim = (await get(given, `/v1/claims/${accepted.json().id}`, auth(READER))).json();
    expect(claim).toMatchObject({
      kind: 'control',
      provenance: { kind: 'suggestion', suggestionId: control.id, textSha256: body.textSha256, rule: 'control:سيطر*' },
      current: { placeId: 'al-susa', actorIds: ['deir-ez-zor-military-council'], share: 0.8 },
    });
  });

  it('accepts an edited suggestion the same way (the analyst corrects the share)', async () => {
    const body = (await suggest({ text: TEXT })).json();
    const control = body.claims.find((c: { kind: string; placeId?: string }) => c.kind === 'control' && c.placeId === 'al-susa');
    const edited = { ...control.claim, id: undefined, share: 0.75 };
    const accepted = await post(given, '/v1/claims', edited, auth(ANALYST));
    expect(accepted.statusCode, accepted.body).toBe(201);
    const claim = (await get(given, `/v1/claims/${accepted.json().id}`, auth(READER))).json();
    expect(claim.current.share).toBe(0.75);
    expect(claim.provenance.suggestionId).toBe(control.id);
  });

  it('refuses a provenance that is not a SHA-256 with 422 naming the field, appending nothing', async () => {
    const body = (await suggest({ text: TEXT })).json();
    const control = body.claims.find((c: { kind: string }) => c.kind === 'control');
    const head = await given.head();
    const bad = { ...control.claim, id: 'bad-provenance', provenance: { ...control.claim.provenance, textSha256: 'abc' } };
    const response = await post(given, '/v1/claims', bad, auth(ANALYST));
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('validation_failed');
    expect(JSON.stringify(response.json().errors)).toContain('provenance');
    expect(await given.head()).toBe(head);
  });

  it('answers 404 not_found for an article that does not exist', async () => {
    const response = await post(given, '/v1/articles/no-such-article/suggestions', { text: TEXT }, auth(ANALYST));
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
  });

  it.each([
    ['no text', {}],
    ['empty text', { text: '' }],
    ['an unknown field', { text: TEXT, store: true }],
    ['a publishedAt that is no day', { text: TEXT, publishedAt: '2018-02-30' }],
  ])('answers 422 validation_failed for %s', async (_name, payload) => {
    const response = await suggest(payload);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('validation_failed');
  });

  it('needs the analyst role: a reader gets 403', async () => {
    const response = await suggest({ text: TEXT }, READER);
    expect(response.statusCode).toBe(403);
  });
});
