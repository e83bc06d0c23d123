import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aSource, get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * What the ledger records as fact is the server's: an event's `causationId` is the id the
 * server gave the request. What a client sends (`X-Request-ID`, `X-Correlation-ID`) is kept
 * as the client's, shape-checked.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let given: GivenApp;
beforeEach(async () => {
  given = await givenApp();
});
afterEach(() => given.close());

const metadataOf = async (streamId: string) => (await get(given, `/v1/streams/${streamId}`)).json().events[0].metadata;

describe('request ids in event metadata', () => {
  it("records the server's own UUID as causationId, never the client's X-Request-ID, which it keeps as clientRequestId and echoes", async () => {
    const response = await post(given, '/v1/sources', aSource(), { 'x-request-id': 'forged' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['x-request-id']).toBe('forged');

    const metadata = await metadataOf('source-al-furat-post');
    expect(metadata.causationId).toMatch(UUID);
    expect(metadata.causationId).not.toBe('forged');
    expect(metadata.clientRequestId).toBe('forged');
    // Without X-Correlation-ID, the request is its own workflow.
    expect(metadata.correlationId).toBe(metadata.causationId);

    // The client's X-Correlation-ID ties a workflow together by design: kept as given.
    await post(given, '/v1/sources', aSource({ id: 'sdf-media' }), { 'x-correlation-id': 'import-2018-11-14' });
    const correlated = await metadataOf('source-sdf-media');
    expect(correlated).toMatchObject({ correlationId: 'import-2018-11-14', causationId: expect.stringMatching(UUID) });
    expect(correlated).not.toHaveProperty('clientRequestId');
  });

  it('refuses a malformed X-Request-ID or X-Correlation-ID on a write (400), writing nothing', async () => {
    const before = await given.head();
    for (const [header, value, code] of [
      ['x-request-id', 'x'.repeat(201), 'invalid_request_id'],
      ['x-request-id', 'has space', 'invalid_request_id'],
      ['x-correlation-id', 'x'.repeat(201), 'invalid_correlation_id'],
      ['x-correlation-id', 'tab\there', 'invalid_correlation_id'],
    ] as const) {
      const response = await post(given, '/v1/sources', aSource(), { [header]: value });
      expect(response.statusCode, `${header}: ${value}`).toBe(400);
      expect(response.json()).toMatchObject({ code, errors: [{ field: `/${header}`, in: 'headers' }] });
      expect(response.headers['x-request-id']).toMatch(UUID);
    }
    expect(await given.head()).toBe(before);
  });
});
