import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aControlClaim, aSource, givenRegistry, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Bad input gets a precise RFC 9457 problem and changes nothing: every case asserts the
 * status, the stable code, the failing fields, and that the log position did not move.
 */
let given: GivenApp;

beforeAll(async () => {
  given = await givenApp();
  await givenRegistry(given);
  const retracted = aControlClaim({ id: 'already-retracted' });
  expect((await post(given, '/v1/claims', retracted)).statusCode).toBe(201);
  expect((await post(given, '/v1/claims/already-retracted/retractions', { reason: 'the source withdrew it' })).statusCode).toBe(
    201,
  );
});
afterAll(() => given.close());

interface Case {
  name: string;
  url: string;
  body: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
  fields?: string[];
}

const claim = (over: Record<string, unknown>) => aControlClaim({ id: 'new-claim', ...over });

const cases: Case[] = [
  {
    name: 'malformed JSON',
    url: '/v1/sources',
    body: '{"id": "x", ',
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'unknown field',
    url: '/v1/sources',
    body: aSource({ id: 'x', bogus: 1 }),
    status: 422,
    code: 'validation_failed',
    fields: ['/bogus'],
  },
  {
    name: 'wrong type',
    url: '/v1/claims',
    body: claim({ credibility: '3' }),
    status: 422,
    code: 'validation_failed',
    fields: ['/credibility'],
  },
  {
    name: 'share of 0',
    url: '/v1/claims',
    body: claim({ share: 0 }),
    status: 422,
    code: 'validation_failed',
    fields: ['/share'],
  },
  {
    name: 'share above 1',
    url: '/v1/claims',
    body: claim({ share: 1.01 }),
    status: 422,
    code: 'validation_failed',
    fields: ['/share'],
  },
  {
    name: 'credibility 7',
    url: '/v1/claims',
    body: claim({ credibility: 7 }),
    status: 422,
    code: 'validation_failed',
    fields: ['/credibility'],
  },
  {
    name: 'credibility 0',
    url: '/v1/claims',
    body: claim({ credibility: 0 }),
    status: 422,
    code: 'validation_failed',
    fields: ['/credibility'],
  },
  {
    name: 'reliability G',
    url: '/v1/sources',
    body: aSource({ id: 'y', reliability: 'G' }),
    status: 422,
    code: 'validation_failed',
    fields: ['/reliability'],
  },
  {
    name: 'revised reliability outside A-F',
    url: '/v1/sources/al-furat-post/reliability',
    body: { reliability: 'a', reason: 'lower case' },
    status: 422,
    code: 'validation_failed',
    fields: ['/reliability'],
  },
  {
    name: 'impossible date 2018-02-30',
    url: '/v1/claims',
    body: claim({ validTime: { date: '2018-02-30' } }),
    status: 422,
    code: 'validation_failed',
    fields: ['/validTime/date'],
  },
  {
    name: 'month 13',
    url: '/v1/claims',
    body: claim({ validTime: { date: '2018-13' } }),
    status: 422,
    code: 'validation_failed',
    fields: ['/validTime/date'],
  },
  {
    name: 'unknown article',
    url: '/v1/claims',
    body: claim({ articleId: 'nope' }),
    status: 422,
    code: 'unknown_reference',
    fields: ['/articleId'],
  },
  {
    name: 'unknown place',
    url: '/v1/claims',
    body: claim({ placeId: 'atlantis' }),
    status: 422,
    code: 'unknown_reference',
    fields: ['/placeId'],
  },
  {
    name: 'unknown actor',
    url: '/v1/claims',
    body: claim({ actorIds: ['nobody'] }),
    status: 422,
    code: 'unknown_reference',
    fields: ['/actorIds/0'],
  },
  {
    name: 'control claim naming two actors',
    url: '/v1/claims',
    body: claim({ actorIds: ['sdf', 'isis'] }),
    status: 422,
    code: 'invalid_command',
  },
  {
    name: 'a second retraction',
    url: '/v1/claims/already-retracted/retractions',
    body: { reason: 'again' },
    status: 409,
    code: 'claim_retracted',
  },
  {
    name: 'correcting a retracted claim',
    url: '/v1/claims/already-retracted/corrections',
    body: { changes: { share: 0.5 }, reason: 'revised figure' },
    status: 409,
    code: 'claim_retracted',
  },
  {
    name: 'retracting a claim that does not exist',
    url: '/v1/claims/no-such-claim/retractions',
    body: { reason: 'x' },
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a stale If-Match',
    url: '/v1/sources/al-furat-post/reliability',
    body: { reliability: 'B', reason: 'track record' },
    headers: { 'if-match': '"7"' },
    status: 412,
    code: 'precondition_failed',
  },
  {
    name: 'a malformed If-Match',
    url: '/v1/sources/al-furat-post/reliability',
    body: { reliability: 'B', reason: 'track record' },
    headers: { 'if-match': 'seven' },
    status: 400,
    code: 'invalid_if_match',
  },
  {
    name: 'a body over 1 MiB',
    url: '/v1/sources',
    body: aSource({ id: 'big', note: 'x'.repeat(1024 * 1024) }),
    status: 413,
    code: 'body_too_large',
  },
  {
    name: 'an unsupported content type',
    url: '/v1/sources',
    body: 'id=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'registering an existing id with different data',
    url: '/v1/sources',
    body: aSource({ reliability: 'A' }),
    status: 409,
    code: 'already_exists',
  },
];

describe('bad input changes nothing', () => {
  it.each(cases)('$name → $status $code', async ({ url, body, headers, status, code, fields }) => {
    const before = await given.head();
    const response = await given.app.inject({
      method: 'POST',
      url,
      headers: headers ?? {},
      ...(typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ status, code, type: `urn:sijill:problem:${code}` });
    expect(problem.title).toBeTruthy();
    expect(problem.detail).toBeTruthy();
    if (fields) expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
    expect(await given.head()).toBe(before);
  });

  it('a batch with one bad claim writes none of them, naming the bad item', async () => {
    const before = await given.head();
    const response = await post(given, '/v1/claims/batch', {
      claims: [claim({ id: 'batch-good' }), claim({ id: 'batch-bad', placeId: 'atlantis' })],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'batch_rejected', errors: [{ field: '/claims/1/placeId' }] });
    expect(await given.head()).toBe(before);
    expect((await given.app.inject({ method: 'GET', url: '/v1/claims/batch-good' })).statusCode).toBe(404);
  });
});
