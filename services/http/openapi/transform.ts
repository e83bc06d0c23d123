import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { operationFacts } from './operations.js';
import { isContentForm, PROBLEM_SCHEMA_REF, responseObject, sharedErrors } from './responses.js';

/**
 * The OpenAPI 3.1 document is built from each route's zod `schema` by
 * fastify-type-provider-zod; this per-route transform adds, in one place, what every route
 * shares and none states: its `operationId` (`operations.ts`), its security from the route's
 * `config.role` (`auth.ts`), the errors any request can meet, and the media type of each
 * response (`application/problem+json` for errors: `problem.ts` answers every error so).
 * Only the document changes: fastify still validates and serialises with the route's schema.
 */

type Json = Record<string, unknown>;

export interface OpenApiOptions {
  /** Bearer tokens are configured: an operation with a role requires one (`auth.ts`). */
  readonly authenticated: boolean;
}

/**
 * A body given per media type (`{ content: { [type]: { schema } } }`, which fastify validates
 * by the request's media type) as JSON Schema: fastify-type-provider-zod converts only a body
 * given as one zod schema.
 */
const bodyContent = (body: unknown): Json | undefined => {
  if (!isContentForm(body)) return undefined;
  const content = Object.entries(body.content).map(([mediaType, { schema }]) => {
    const json = z.toJSONSchema(schema as z.ZodType, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
    const { $schema: _, ...withoutDialect } = json;
    return [mediaType, { schema: withoutDialect }];
  });
  return { content: Object.fromEntries(content) };
};

/** @fastify/swagger's `transform`: one route's schema → its operation. */
export const openApiTransform =
  ({ authenticated }: OpenApiOptions): SwaggerTransform =>
  (document) => {
    const source = (document.schema ?? {}) as Json;
    const { body, ...withoutBody } = source;
    const byMediaType = bodyContent(body);
    const base = jsonSchemaTransform({ ...document, schema: byMediaType ? withoutBody : document.schema });
    const transformed = base.schema as Json | undefined;
    if (transformed?.hide) return base;
    const { route, url } = document;
    const method = String(route.method);
    const facts = operationFacts(method, url);
    if (!facts) throw new Error(`${method} ${url} has no operationId: add it to services/http/openapi/operations.ts`);
    const role = route.config?.role;
    const guarded = authenticated && role !== undefined;

    const declared = (transformed?.response ?? {}) as Record<string, unknown>;
    const statuses = new Set([...Object.keys(declared).map(Number), ...sharedErrors(source, url, guarded)]);
    const response = Object.fromEntries(
      [...statuses]
        .sort((a, b) => a - b)
        .map((status) => [status, responseObject(status, declared[status] ?? { $ref: PROBLEM_SCHEMA_REF }, facts)]),
    );
    return {
      url,
      schema: {
        ...transformed,
        ...(byMediaType ? { body: byMediaType } : {}),
        operationId: facts.operationId,
        // The least role the operation needs (roles are ranked: `auth.ts`); public operations need none.
        security: guarded ? [{ bearer: [role] }] : [],
        response,
      },
    };
  };

const BEARER = {
  type: 'http' as const,
  scheme: 'bearer',
  description:
    'A token from SIJILL_TOKENS. Roles, each allowed what the ones before it are: `reader` (reads, the log), ' +
    '`analyst` (writes), `admin` (import, webhooks). An operation lists the least role it needs.',
};

/** The document's security schemes: bearer tokens when they are configured, else none (every caller is `local`). */
export const securitySchemes = ({ authenticated }: OpenApiOptions): Record<string, typeof BEARER> =>
  authenticated ? { bearer: BEARER } : {};
