import type { SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { eventCatalogueSchemas } from './eventCatalogue.js';
import { HEADER_COMPONENTS, HEADER_NAMES, PARAMETER_COMPONENTS, requestHeaders, responseHeaders } from './headers.js';
import { OPERATIONS } from './operations.js';
import { problemResponseRef, problemResponses } from './responses.js';

/**
 * @fastify/swagger's `transformObject`: the whole document, once its operations are built
 * (`transform.ts`). It adds the protocol's headers to every operation and response
 * (`headers.ts`), makes each problem response a reference to its component
 * (`responses.ts`), adds the event catalogue (`eventCatalogue.ts`), and keeps one component
 * per concept: fastify-type-provider-zod emits an `…Input` twin of every registered schema
 * for requests, and a twin no request uses is dropped.
 */

type Json = Record<string, unknown>;
type Operation = { operationId?: string; parameters?: Json[]; responses?: Record<string, Json> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

const operationsOf = (paths: Json): Operation[] =>
  Object.values(paths as Record<string, Record<string, Operation | undefined>>).flatMap((item) =>
    METHODS.flatMap((method) => item[method] ?? []),
  );

const factsById = new Map(Object.values(OPERATIONS).map((facts) => [facts.operationId, facts]));

/** Completes one operation in place; answers the statuses of its problem responses. */
const completeOperation = (operation: Operation): number[] => {
  const facts = factsById.get(operation.operationId ?? '');
  if (!facts) return [];
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'header') parameter.name = HEADER_NAMES[String(parameter.name)] ?? parameter.name;
  }
  operation.parameters = [...(operation.parameters ?? []), ...requestHeaders(facts)];
  const problems: number[] = [];
  for (const [key, response] of Object.entries(operation.responses ?? {})) {
    const status = Number(key);
    const ref = problemResponseRef(status, response);
    if (ref) {
      operation.responses![key] = ref;
      problems.push(status);
    } else {
      response.headers = responseHeaders(facts, status);
    }
  }
  return problems;
};

/** Schema component names `value` refers to. */
const refsOf = (value: unknown, into: string[] = []): string[] => {
  if (Array.isArray(value)) for (const item of value) refsOf(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
        into.push(child.slice('#/components/schemas/'.length));
      } else refsOf(child, into);
    }
  }
  return into;
};

/** The schema components `roots` use, directly or through other components. */
const reachable = (roots: unknown, schemas: Json): Set<string> => {
  const seen = new Set<string>();
  const pending = refsOf(roots);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...refsOf(schemas[id]));
  }
  return seen;
};

export const openApiTransformObject = (): SwaggerTransformObject => (document) => {
  const doc = jsonSchemaTransformObject(document) as Json & { paths: Json; components: Json & { schemas: Json } };
  const problemStatuses = operationsOf(doc.paths).flatMap(completeOperation);
  const responses = problemResponses(problemStatuses);
  const schemas: Json = { ...doc.components.schemas, ...eventCatalogueSchemas() };
  const used = reachable([doc.paths, responses], schemas);
  const kept = Object.entries(schemas).filter(([id]) => !id.endsWith('Input') || used.has(id));
  return {
    ...doc,
    components: {
      ...doc.components,
      schemas: Object.fromEntries(kept),
      responses,
      parameters: PARAMETER_COMPONENTS,
      headers: HEADER_COMPONENTS,
    },
  } as ReturnType<SwaggerTransformObject>;
};
