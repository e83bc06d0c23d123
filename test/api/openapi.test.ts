import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

let given: GivenApp;
beforeAll(async () => {
  given = await givenApp();
});
afterAll(() => given.close());

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document describing every route of DESIGN.md', async () => {
    const response = await get(given, '/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/v1/sources',
      '/v1/sources/{id}',
      '/v1/sources/{id}/reliability',
      '/v1/places',
      '/v1/actors',
      '/v1/articles',
      '/v1/claims',
      '/v1/claims/batch',
      '/v1/claims/{id}',
      '/v1/claims/{id}/corrections',
      '/v1/claims/{id}/corroborations',
      '/v1/claims/{id}/disputes',
      '/v1/claims/{id}/retractions',
      '/v1/events',
      '/v1/streams/{streamId}',
      '/health/live',
      '/health/ready',
    ]) {
      expect(paths).toContain(path);
    }
    const recordClaim = doc.paths['/v1/claims'].post;
    const schema = recordClaim.requestBody.content['application/json'].schema;
    expect(schema.properties.share).toMatchObject({ exclusiveMinimum: 0, maximum: 1 });
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(recordClaim.responses)).toEqual(expect.arrayContaining(['201', '409', '412', '422']));
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await get(given, '/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('swagger');
    // The page's own assets and its pointer to the document are served too.
    const initializer = await get(given, '/docs/static/swagger-initializer.js');
    expect(initializer.statusCode).toBe(200);
    expect((await get(given, '/docs/static/swagger-ui-bundle.js')).statusCode).toBe(200);
    expect((await get(given, '/docs/json')).json().openapi).toBe('3.1.0');
  });
});

describe('operations', () => {
  it('reports liveness and readiness', async () => {
    expect((await get(given, '/health/live')).json()).toEqual({ status: 'ok' });
    expect((await get(given, '/health/ready')).json()).toMatchObject({ status: 'ok', position: expect.any(String) });
  });

  it('answers an unknown route with a problem', async () => {
    const response = await get(given, '/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});
