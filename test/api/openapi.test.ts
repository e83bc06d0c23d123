import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SCHEMAS, EVENT_TYPES } from '../../domain/events.js';
import { DOCUMENT_TOKENS, openApiDocument } from '../../services/openApiDocument.js';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/** A parsed JSON value (the document is plain JSON, walked by key). */
type Json = ReturnType<typeof JSON.parse>;

let given: GivenApp;
let served: Json;
let authenticated: Json;
beforeAll(async () => {
  given = await givenApp();
  served = (await get(given, '/openapi.json')).json();
  authenticated = await openApiDocument(DOCUMENT_TOKENS);
});
afterAll(() => given.close());

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = (doc: Json): [string, Json][] =>
  Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m): [string, Json] => [`${m.toUpperCase()} ${path}`, item[m]]),
  );
const operation = (doc: Json, key: string): Json => operations(doc).find(([k]) => k === key)![1];
/** The object a `#/…` reference names. */
const resolve = (doc: Json, value: Json): Json =>
  typeof value.$ref === 'string'
    ? resolve(
        doc,
        value.$ref
          .slice(2)
          .split('/')
          .reduce((at: Json, part: string) => at[part.replaceAll('~1', '/')], doc),
      )
    : value;
const headerNames = (doc: Json, op: Json) =>
  (op.parameters ?? [])
    .map((p: Json) => resolve(doc, p))
    .filter((p: Json) => p.in === 'header')
    .map((p: Json) => p.name);

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document describing every route of DESIGN.md', async () => {
    expect(served.openapi).toBe('3.1.0');
    const paths = Object.keys(served.paths);
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
    const recordClaim = served.paths['/v1/claims'].post;
    const schema = recordClaim.requestBody.content['application/json'].schema;
    expect(schema.properties.share).toMatchObject({ exclusiveMinimum: 0, maximum: 1 });
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(recordClaim.responses)).toEqual(expect.arrayContaining(['201', '409', '412', '422']));
  });

  it('names every operation with a unique, readable operationId, and declares servers and a licence', () => {
    const ids = operations(served).map(([, op]) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operation(served, 'POST /v1/claims').operationId).toBe('recordClaim');
    expect(operation(served, 'GET /v1/control').operationId).toBe('getControl');
    expect(served.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(served.info.license).toEqual({ name: 'Apache-2.0', identifier: 'Apache-2.0' });
  });

  it('keeps one schema per concept: no *Input twin of a response schema', () => {
    expect(Object.keys(served.components.schemas).filter((id) => id.endsWith('Input'))).toEqual([]);
  });

  it('declares every error as application/problem+json with the Problem schema', () => {
    for (const doc of [served, authenticated]) {
      for (const [key, op] of operations(doc)) {
        for (const [status, declared] of Object.entries(op.responses as Json)) {
          if (Number(status) < 400 || key === 'GET /health/ready') continue;
          const response = resolve(doc, declared as Json);
          expect(Object.keys(response.content), `${key} ${status}`).toEqual(['application/problem+json']);
          expect(response.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
        }
      }
    }
    // The readiness probe answers 503 with its own JSON body, which says what is not ready.
    expect(Object.keys(operation(served, 'GET /health/ready').responses['503'].content)).toEqual(['application/json']);
  });

  it('declares the media types sent: GeoJSON, NDJSON both ways, and the SSE stream', () => {
    expect(Object.keys(operation(served, 'GET /v1/control').responses['200'].content)).toEqual([
      'application/json',
      'application/geo+json',
    ]);
    expect(operation(served, 'GET /v1/control').responses['200'].content['application/geo+json'].schema).toEqual({
      $ref: '#/components/schemas/ControlFeatureCollection',
    });
    expect(Object.keys(operation(served, 'GET /v1/export').responses['200'].content)).toEqual(['application/x-ndjson']);
    expect(Object.keys(operation(served, 'POST /v1/admin/import').requestBody.content)).toEqual(['application/x-ndjson']);
    expect(operation(served, 'GET /v1/subscribe').responses['200'].content).toEqual({
      'text/event-stream': { schema: { $ref: '#/components/schemas/ServerSentEvent' } },
    });
  });

  it('names every event type an integrator receives, with the schema of its data, in the envelope and the SSE stream', () => {
    const schemas = served.components.schemas;
    const envelope = schemas.EventEnvelope;
    expect(envelope.oneOf).toEqual([
      ...EVENT_TYPES.map((type) => ({ $ref: `#/components/schemas/${type}Envelope` })),
      { $ref: '#/components/schemas/OtherEventEnvelope' },
    ]);
    expect(envelope.discriminator.propertyName).toBe('type');
    for (const type of EVENT_TYPES) {
      const typed = schemas[`${type}Envelope`];
      expect(typed.properties.type).toEqual({ type: 'string', const: type });
      expect(typed.properties.schemaVersion.const).toBe(EVENT_SCHEMAS[type].schemaVersion);
      expect(typed.properties.data).toEqual({ $ref: `#/components/schemas/${type}` });
      expect(schemas[type].type).toBe('object');
    }
    expect(schemas.ClaimRecorded.required).toEqual(expect.arrayContaining(['claimId', 'articleId', 'kind', 'placeId']));
    const frames = schemas.ServerSentEvent.oneOf as Json[];
    for (const type of EVENT_TYPES) {
      expect(frames).toContainEqual(
        expect.objectContaining({
          properties: expect.objectContaining({
            event: { type: 'string', const: type },
            data: expect.objectContaining({ contentSchema: { $ref: `#/components/schemas/${type}Envelope` } }),
          }),
        }),
      );
    }
    // Pages of the log and streams carry the same envelope.
    expect(schemas.EventsPage.properties.events.items).toEqual({ $ref: '#/components/schemas/EventEnvelope' });
    expect(schemas.StreamPage.properties.events.items).toEqual({ $ref: '#/components/schemas/EventEnvelope' });
  });

  it('declares the headers of the protocol as parameters and response headers', () => {
    const correction = operation(served, 'POST /v1/claims/{id}/corrections');
    expect(headerNames(served, correction)).toEqual(['If-Match', 'Idempotency-Key', 'X-Correlation-ID', 'X-Request-ID']);
    expect(Object.keys(correction.responses['201'].headers)).toEqual(['X-Request-ID', 'ETag', 'Location', 'Idempotent-Replayed']);
    // A batch writes many streams: no If-Match, no ETag.
    const batch = operation(served, 'POST /v1/claims/batch');
    expect(headerNames(served, batch)).toEqual(['Idempotency-Key', 'X-Correlation-ID', 'X-Request-ID']);
    expect(Object.keys(batch.responses['201'].headers)).not.toContain('ETag');
    expect(headerNames(served, operation(served, 'GET /v1/subscribe'))).toEqual(['Last-Event-ID', 'X-Request-ID']);
    const claim = operation(served, 'GET /v1/claims/{id}').responses['200'].headers;
    expect(Object.keys(claim)).toEqual(['X-Request-ID', 'X-Ledger-Position', 'ETag']);
    expect(resolve(served, claim['X-Ledger-Position']).required).toBe(true);
    const unavailable = resolve(served, operation(served, 'GET /v1/control').responses['503']);
    expect(resolve(served, unavailable.headers['Retry-After']).required).toBe(true);
  });

  it('requires a bearer token of the least role each operation needs when tokens are configured, and none otherwise', () => {
    expect(authenticated.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const security = (key: string) => operation(authenticated, key).security;
    expect(security('GET /v1/control')).toEqual([{ bearer: ['reader'] }]);
    expect(security('POST /v1/claims')).toEqual([{ bearer: ['analyst'] }]);
    expect(security('POST /v1/admin/import')).toEqual([{ bearer: ['admin'] }]);
    expect(security('GET /health/ready')).toEqual([]);
    expect(Object.keys(operation(authenticated, 'GET /v1/control').responses)).toEqual(expect.arrayContaining(['401', '403']));
    // The embedded default runs open: nothing to authorise.
    expect(served.components.securitySchemes ?? {}).toEqual({});
    expect(operations(served).every(([, op]) => op.security.length === 0)).toBe(true);
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
