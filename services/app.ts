import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AppDeps } from './deps.js';
import { authPlugin } from './http/auth.js';
import { clientRequestIdOf, echoedRequestId } from './http/clientIds.js';
import { closeConnectionsOnShutdown } from './http/closeOnShutdown.js';
import { openApiTransform, securitySchemes } from './http/openapi/transform.js';
import { openApiTransformObject } from './http/openapi/transformObject.js';
import { notFoundHandler, problemErrorHandler } from './http/problem.js';
import { bodyIdleTimeout, requestTimeoutOptions } from './http/requestTimeouts.js';
import { actorRoutes } from './http/routes/actors.js';
import { articleRoutes } from './http/routes/articles.js';
import { claimBatchRoutes } from './http/routes/claimBatch.js';
import { claimSearchRoutes } from './http/routes/claimSearch.js';
import { claimRoutes } from './http/routes/claims.js';
import { controlRoutes } from './http/routes/control.js';
import { datasetImportRoutes } from './http/routes/datasetImports.js';
import { eventRoutes } from './http/routes/events.js';
import { exportImportRoutes } from './http/routes/exportImport.js';
import { healthRoutes } from './http/routes/health.js';
import { metricsRoutes } from './http/routes/metrics.js';
import { pageRoutes } from './http/routes/pages.js';
import { placeRoutes } from './http/routes/places.js';
import { sourceRoutes } from './http/routes/sources.js';
import { subscribeRoutes } from './http/routes/subscribe.js';
import { suggestionRoutes } from './http/routes/suggestions.js';
import { timelineRoutes } from './http/routes/timeline.js';
import { webhookRoutes } from './http/routes/webhooks.js';
import { MAX_PATH_PARAM_LENGTH } from './http/schemas.js';

const DESCRIPTION = `An event-sourced ledger of claims about armed conflict: who claimed what, when, and on whose word.

Every write appends an immutable event; corrections and retractions append too, so history
is never lost. Positions are decimal strings (64-bit). Errors are RFC 9457 problem details.
Writes accept \`If-Match\` (RFC 9110: \`"<revision>"\`, a list of them, or \`*\` for "the stream
exists"; 412 when it does not hold) and \`Idempotency-Key\` (a retry returns the first answer).
\`X-Request-ID\` and \`X-Correlation-ID\` (1-200 visible ASCII characters) are recorded in the
events' metadata as the client's (\`clientRequestId\`, \`correlationId\`); the cause an event
records (\`causationId\`) is always the server's own id for the request.`;

/**
 * Build the fastify instance (no listen): routes, OpenAPI, auth and one error handler.
 * `server.ts`-style start/stop lives in `main.ts`; tests build this and use `inject`.
 */
export const buildApp = async (deps: AppDeps, options: { logger?: Logger } = {}) => {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: deps.config.bodyLimit,
    // The server names every request itself: the id becomes events' causationId, a fact the
    // ledger records, so a client's X-Request-ID is only kept beside it (see clientIds.ts).
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    // Each request's log lines carry the client's own X-Request-ID beside the server's id, so
    // an operator can find a client's request by the id the client knows.
    childLoggerFactory: (logger, bindings, options, raw) => {
      const clientRequestId = clientRequestIdOf(raw);
      return logger.child(clientRequestId === undefined ? bindings : { ...bindings, clientRequestId }, options);
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAM_LENGTH },
    // Errors raised before a route runs (bad URL encoding, a path parameter too long) and on
    // the raw socket (headers too large, bad framing, timeouts: `requestTimeoutOptions`) answer as problems too.
    frameworkErrors: problemErrorHandler,
    ...requestTimeoutOptions(deps.config.requestTimeouts),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // Open event streams would keep the server from closing: end them first; clients resume with Last-Event-ID.
  app.addHook('preClose', async () => deps.sse.endAll());
  await app.register(closeConnectionsOnShutdown);
  await app.register(bodyIdleTimeout, { idleMs: deps.config.requestTimeouts.bodyIdleMs });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: label values stay few whatever clients ask for.
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', echoedRequestId(request));
  });

  const openApiOptions = { authenticated: deps.config.tokens !== undefined };
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'sijill',
        version: '1',
        description: DESCRIPTION,
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // Relative: the document describes the server it is fetched from, whatever origin a proxy gives it.
      servers: [{ url: '/', description: 'This sijill service' }],
      components: { securitySchemes: securitySchemes(openApiOptions) },
      tags: [
        { name: 'sources', description: 'Outlets and networks, with Admiralty reliability grades' },
        { name: 'places', description: 'The gazetteer: a tree of places' },
        { name: 'actors', description: 'Armed and political actors' },
        { name: 'articles', description: 'Published items of a source' },
        { name: 'claims', description: 'What articles assert; corrected and retracted by appending' },
        { name: 'control', description: 'Territorial control on any date, as known at any moment' },
        { name: 'history', description: 'Timelines and replays of what the ledger knew' },
        { name: 'log', description: 'The event log itself, for integrators' },
        { name: 'operations', description: 'Health and metrics' },
        { name: 'webhooks', description: 'Admin: webhooks that push the log to integrators (Standard Webhooks)' },
        { name: 'datasets', description: 'Admin: import UCDP GED, ACLED and COD-AB gazetteer files as jobs' },
      ],
    },
    transform: openApiTransform(openApiOptions),
    transformObject: openApiTransformObject(),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authPlugin, { tokens: deps.config.tokens });
  for (const routes of [
    healthRoutes,
    metricsRoutes,
    sourceRoutes,
    placeRoutes,
    actorRoutes,
    articleRoutes,
    claimRoutes,
    claimSearchRoutes,
    claimBatchRoutes,
    suggestionRoutes,
    eventRoutes,
    timelineRoutes,
    controlRoutes,
    webhookRoutes,
    subscribeRoutes,
    exportImportRoutes,
    datasetImportRoutes,
  ]) {
    await app.register(routes, { deps });
  }
  await app.register(pageRoutes);
  return app;
};
