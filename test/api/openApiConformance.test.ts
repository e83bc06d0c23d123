import swagger from '@fastify/swagger';
import Fastify, { type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conformToOpenApi } from '../support/openApiConformance.js';

/**
 * The response-validation hook every API test runs under (`givenApp`): given a tiny app whose
 * routes send what their schemas do not say, each drift is reported, and the report fails.
 */
/** The reply without its schema's types: these routes break their schemas on purpose. */
const untyped = (reply: unknown) => reply as FastifyReply;

const tinyApp = async () => {
  const app = Fastify({ loggerInstance: pino({ level: 'silent' }) }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 'tiny', version: '1' } },
    transform: jsonSchemaTransform,
    transformObject: (document) => {
      const doc: ReturnType<typeof JSON.parse> = jsonSchemaTransformObject(document);
      // A header the answer must carry, as sijill's documents declare X-Ledger-Position.
      doc.paths['/stamped'].get.responses['200'].headers = {
        'X-Stamp': { required: true, schema: { type: 'string', pattern: '^\\d+$' } },
      };
      return doc;
    },
  });
  const Count = z.object({ n: z.number().int() });
  const response = { 200: Count };
  // Conforms.
  app.get('/count', { schema: { response } }, async () => ({ n: 3 }));
  // Pre-serialised text bypasses the serialiser, as `GET /v1/control` sends its JSON.
  app.get('/drifted', { schema: { response } }, async (_request, reply) =>
    untyped(reply).type('application/json').send('{"n":"three"}'),
  );
  app.get('/teapot', { schema: { response } }, async (_request, reply) => untyped(reply).code(418).send({ n: 1 }));
  app.get('/text', { schema: { response } }, async (_request, reply) => untyped(reply).type('text/plain').send('3'));
  app.get('/stamped', { schema: { response } }, async () => ({ n: 1 }));
  return app;
};

describe('the OpenAPI response check', () => {
  it('reports each response that drifts from its declared status, media type, header or body, and fails on it', async () => {
    // Given a tiny app under the check
    const app = await tinyApp();
    const conformance = conformToOpenApi(app);
    await app.ready();
    // When each route answers
    for (const url of ['/count', '/drifted', '/teapot', '/text', '/stamped']) {
      await app.inject({ method: 'GET', url });
    }
    await app.close();
    // Then every drift is reported, naming the request and what is wrong, and nothing else is
    expect(conformance.violations).toEqual([
      'GET /drifted → 200: body /n must be integer',
      expect.stringMatching(/^GET \/teapot → 418: status 418 is not declared/),
      expect.stringMatching(/^GET \/text → 200: media type text\/plain is not declared/),
      'GET /stamped → 200: header X-Stamp is required but absent',
    ]);
    expect(() => conformance.assertConforms()).toThrow(/responses did not match the OpenAPI document/);
  });

  it('passes an app whose responses all conform', async () => {
    const app = await tinyApp();
    const conformance = conformToOpenApi(app);
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/count' })).json()).toEqual({ n: 3 });
    await app.close();
    expect(conformance.violations).toEqual([]);
    expect(() => conformance.assertConforms()).not.toThrow();
  });
});
