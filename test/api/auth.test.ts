import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSource, get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

const ANALYST = 'analyst-token-0123456789';
const READER = 'reader-token-0123456789';
let given: GivenApp;
beforeAll(async () => {
  given = await givenApp({ SIJILL_TOKENS: `${ANALYST}=amina:analyst,${READER}=omar:reader` });
});
afterAll(() => given.close());

describe('roles', () => {
  it('refuses a write without a token (401) and from a reader (403), changing nothing', async () => {
    const before = await given.head();
    expect((await post(given, '/v1/sources', aSource())).statusCode).toBe(401);
    const forbidden = await post(given, '/v1/sources', aSource(), { authorization: `Bearer ${READER}` });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('forbidden');
    expect(await given.head()).toBe(before);
  });

  it('names the Bearer scheme in WWW-Authenticate on a 401 (RFC 9110 §11.6.1, RFC 6750 §3), not on a 403', async () => {
    for (const authorization of [undefined, 'Bearer not-a-configured-token', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l']) {
      const response = await get(given, '/v1/sources', authorization ? { authorization } : {});
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().code).toBe('unauthenticated');
      expect(response.headers['www-authenticate'], authorization).toMatch(/^Bearer\b/);
    }
    const forbidden = await post(given, '/v1/sources', aSource(), { authorization: `Bearer ${READER}` });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['www-authenticate']).toBeUndefined();
  });

  it('records the principal of an analyst on the event', async () => {
    const written = await post(given, '/v1/sources', aSource(), { authorization: `Bearer ${ANALYST}` });
    expect(written.statusCode).toBe(201);
    const page = (await get(given, '/v1/events?limit=1', { authorization: `Bearer ${READER}` })).json();
    expect(page.events[0].metadata.principal).toBe('amina');
  });

  it('lets a reader read, and nobody without a token', async () => {
    expect((await get(given, '/v1/sources', { authorization: `Bearer ${READER}` })).statusCode).toBe(200);
    expect((await get(given, '/v1/sources')).statusCode).toBe(401);
  });
});
