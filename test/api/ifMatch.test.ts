import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { aControlClaim, aSource, givenRegistry, post } from '../support/builders.js';
import { type GivenApp, givenApp, wrappedStore } from '../support/ledger.js';

/**
 * `If-Match` on writes, as RFC 9110 §13.1.1 defines it, where a stream's entity tag is its
 * revision: `*` matches when the stream exists; a list matches when one of its strong tags is
 * the current revision; a weak tag never matches (strong comparison). Each case checks the
 * status, the problem code, and that a refused write moved nothing.
 */
let given: GivenApp;
let claim = 0;
let url: string;

beforeEach(async () => {
  given ??= await givenApp().then(async (app) => {
    await givenRegistry(app);
    return app;
  });
  // Given: a fresh claim at revision 0.
  const id = `if-match-${++claim}`;
  expect((await post(given, '/v1/claims', aControlClaim({ id }))).statusCode).toBe(201);
  url = `/v1/claims/${id}/corrections`;
});
afterAll(() => given.close());

const correct = (ifMatch: string, target = url) =>
  post(given, target, { changes: { share: 0.6 + claim / 100 }, reason: 'revised figure' }, { 'if-match': ifMatch });

const expectRefused = async (response: Awaited<ReturnType<typeof correct>>, status: number, code: string, head: bigint) => {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status, code });
  expect(await given.head()).toBe(head);
};

describe('If-Match on a correction', () => {
  it('* matches a claim that exists', async () => {
    const response = await correct('*');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().revision).toBe(1);
  });

  it('* on a claim that does not exist answers 412, not 404', async () => {
    const head = await given.head();
    const response = await correct('*', '/v1/claims/no-such-claim/corrections');
    await expectRefused(response, 412, 'precondition_failed', head);
    expect(response.json()).toMatchObject({ currentRevision: 'no_stream' });
  });

  it('a list matches when one of its revisions is the current one, and answers 412 when none is', async () => {
    const head = await given.head();
    await expectRefused(await correct('"5", "7"'), 412, 'precondition_failed', head);
    const response = await correct('"5", "0"');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().revision).toBe(1);
  });

  it('a weak tag never matches (412), while a header that is not a list of entity tags is malformed (400)', async () => {
    const head = await given.head();
    await expectRefused(await correct('W/"0"'), 412, 'precondition_failed', head);
    await expectRefused(await correct('W/"0", "9"'), 412, 'precondition_failed', head);
    for (const malformed of ['0', '"0', 'W/0', '*, "0"', '"0" "1"', ',']) {
      await expectRefused(await correct(malformed), 400, 'invalid_if_match', head);
    }
  });
});

describe('If-Match elsewhere', () => {
  it('* refuses to register a source that does not exist yet (412)', async () => {
    const head = await given.head();
    const response = await post(given, '/v1/sources', aSource({ id: 'not-yet' }), { 'if-match': '*' });
    await expectRefused(response, 412, 'precondition_failed', head);
  });

  it('a batch refuses If-Match in any form with its own code (400)', async () => {
    const head = await given.head();
    for (const ifMatch of ['*', '"0"', 'W/"0"']) {
      const response = await post(
        given,
        '/v1/claims/batch',
        { claims: [aControlClaim({ id: 'batched' })] },
        { 'if-match': ifMatch },
      );
      await expectRefused(response, 400, 'if_match_not_supported', head);
    }
  });
});

describe('If-Match while another writer changes the stream between decision and append', () => {
  it('is checked again on the new state: * still holds and the correction lands; an exact revision no longer does (412)', async () => {
    // Given: a claim, and a store where, once armed, another writer corroborates it right before our append reaches the store.
    let armed = false;
    let competitors = 0;
    const app: GivenApp = await givenApp(
      {},
      {
        wrapStore: (inner) =>
          wrappedStore(inner, {
            append: async (streamId, events, options) => {
              if (armed && streamId === 'claim-contested') {
                armed = false;
                const note = `other writer ${++competitors}`;
                const other = await post(app, '/v1/claims/contested/corroborations', { articleId: 'alquds-2018-11-14', note });
                if (other.statusCode !== 201) throw new Error(`the competing write failed: ${other.body}`);
              }
              return inner.append(streamId, events, options);
            },
          }),
      },
    );
    try {
      await givenRegistry(app);
      expect((await post(app, '/v1/claims', aControlClaim({ id: 'contested' }))).statusCode).toBe(201);
      const url = '/v1/claims/contested/corrections';

      armed = true;
      const anyRevision = await post(app, url, { changes: { share: 0.7 }, reason: 'revised' }, { 'if-match': '*' });
      expect(anyRevision.statusCode, anyRevision.body).toBe(201);
      expect(anyRevision.json().revision).toBe(2);

      armed = true;
      const head = await app.head();
      const stale = await post(app, url, { changes: { share: 0.6 }, reason: 'revised again' }, { 'if-match': '"2"' });
      expect(stale.statusCode, stale.body).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'precondition_failed', currentRevision: '3' });
      expect(await app.head()).toBe(head + 1n);
    } finally {
      await app.close();
    }
  });
});
