import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { FastifyRequest } from 'fastify';
import type { buildApp } from '../../services/app.js';

/** The app as `buildApp` makes it. */
type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * Every response the app sends, checked against its own OpenAPI document: the status is
 * declared for the operation, the media type is one the response declares, required headers
 * are present and every declared header matches its schema, and a JSON body (`application/json`,
 * `application/problem+json`, `application/geo+json`) validates against the declared schema
 * (JSON Schema 2020-12, with Ajv). Streams (`text/event-stream`, `application/x-ndjson`) are
 * checked up to their media type. So a route that drifts from its contract fails its tests.
 *
 * The check runs as the response's head is written (after fastify's `onSend`, so hijacked
 * responses such as SSE are seen too). A mismatch never changes the response: it is
 * collected, and {@link OpenApiConformance.assertConforms} throws them all (`givenApp`'s
 * `close` calls it, so the failing file says which request broke which part of the contract).
 */
export interface OpenApiConformance {
  /** Each mismatch so far, as `METHOD url → status: what is wrong`. */
  readonly violations: readonly string[];
  /** Throws when any response did not match the document. */
  assertConforms(): void;
}

type Json = Record<string, unknown>;

const DOCUMENT_ID = 'sijill:openapi';
/** Media types whose bodies are one JSON text. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/** `/v1/claims/:id` → `/v1/claims/{id}`: fastify's route syntax in OpenAPI's. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

interface Sent {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The body as text, or undefined for a stream (or a hijacked response). */
  readonly body: string | undefined;
}

class ResponseChecker {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: Json) {
    // A CommonJS module whose default export is itself: `default` is the plugin either way.
    formats.default(this.#ajv);
    this.#ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /** The object at a `#/…` reference of the document, following references. */
  #resolve(value: unknown): Json | undefined {
    let node = value as Json | undefined;
    for (let hops = 0; node && typeof node.$ref === 'string' && hops < 10; hops++) {
      node = (node.$ref as string)
        .slice(2)
        .split('/')
        .reduce<unknown>(
          (at, part) => (at as Json | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')],
          this.document,
        ) as Json | undefined;
    }
    return node;
  }

  #validator(schemaPointer: string): ValidateFunction {
    const known = this.#validators.get(schemaPointer);
    if (known) return known;
    const validate = this.#ajv.compile({ $ref: `${DOCUMENT_ID}#${schemaPointer}` });
    this.#validators.set(schemaPointer, validate);
    return validate;
  }

  #errors(schemaPointer: string, value: unknown): string[] {
    const validate = this.#validator(schemaPointer);
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }

  /** What is wrong with `sent` as an answer of `METHOD url` (fastify's route url), or nothing. */
  check(method: string, url: string, sent: Sent): string[] {
    const path = openApiPath(url);
    const paths = this.document.paths as Record<string, Json>;
    const operationPointer = `/${pointer('paths', path, method.toLowerCase())}`;
    const operation = paths[path]?.[method.toLowerCase()] as Json | undefined;
    if (!operation) return ['the operation is not in the document'];
    const responses = operation.responses as Record<string, unknown>;
    const key = [String(sent.status), `${String(sent.status)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
    if (key === undefined) return [`status ${sent.status} is not declared (declared: ${Object.keys(responses).join(', ')})`];
    const declared = responses[key] as Json;
    const responsePointer = typeof declared.$ref === 'string' ? declared.$ref.slice(1) : `${operationPointer}/responses/${key}`;
    const response = this.#resolve(declared)!;
    const problems: string[] = [];

    for (const [name, ref] of Object.entries((response.headers ?? {}) as Json)) {
      const header = this.#resolve(ref)!;
      const value = sent.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`header ${name} is required but absent`);
        continue;
      }
      const headerPointer =
        typeof (ref as Json).$ref === 'string'
          ? ((ref as Json).$ref as string).slice(1)
          : `${responsePointer}/headers/${pointer(name)}`;
      for (const error of this.#errors(`${headerPointer}/schema`, value)) problems.push(`header ${name}: ${error}`);
    }

    const content = response.content as Json | undefined;
    const mediaType = sent.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (!content) {
      // HTTP sends no body with 204 and 304 (RFC 9110 §15.3.5, §15.4.5), whatever the route passed.
      const bodiless = sent.status === 204 || sent.status === 304;
      if (sent.body && !bodiless) problems.push(`a body is sent (${mediaType}) but none is declared`);
      return problems;
    }
    if (mediaType === undefined || !(mediaType in content)) {
      problems.push(`media type ${mediaType ?? '(none)'} is not declared (declared: ${Object.keys(content).join(', ')})`);
      return problems;
    }
    if (sent.body === undefined || !JSON_MEDIA_TYPE.test(mediaType)) return problems;
    let body: unknown;
    try {
      body = JSON.parse(sent.body);
    } catch {
      return [...problems, `the ${mediaType} body is not JSON`];
    }
    const schemaPointer = `${responsePointer}/content/${pointer(mediaType)}/schema`;
    for (const error of this.#errors(schemaPointer, body)) problems.push(`body ${error}`);
    return problems;
  }
}

/**
 * Checkers by document text: most test apps serve the same document, and compiling its
 * schemas costs more than most tests, so each document is compiled once per test file.
 */
const checkers = new Map<string, ResponseChecker>();
const checkerFor = (document: Json): ResponseChecker => {
  const text = JSON.stringify(document);
  let checker = checkers.get(text);
  if (!checker) {
    checker = new ResponseChecker(JSON.parse(text) as Json);
    checkers.set(text, checker);
  }
  return checker;
};

const headersOf = (raw: ServerResponse, written: OutgoingHttpHeaders | undefined): Record<string, string> => {
  const all: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...raw.getHeaders(), ...written })) {
    if (value !== undefined) all[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return all;
};

const textOf = (payload: unknown): string | undefined => {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined;
};

/**
 * Checks every response `app` sends against `app.swagger()`. Call before `app.ready()` (it
 * adds hooks). Routes the document hides (`/docs`, `/openapi.json`) and requests no route
 * matched are not checked.
 */
export const conformToOpenApi = (app: App): OpenApiConformance => {
  const violations: string[] = [];
  let checker: ResponseChecker | undefined;
  const bodies = new WeakMap<FastifyRequest, string | undefined>();

  const checkOnHead = (request: FastifyRequest, status: number, headers: Record<string, string>) => {
    const url = request.routeOptions.url;
    const schema = request.routeOptions.schema as { hide?: boolean } | undefined;
    if (url === undefined || schema?.hide || request.is404) return;
    checker ??= checkerFor(app.swagger() as Json);
    // HEAD is GET without the body (RFC 9110 §9.3.2); fastify serves it for every GET route.
    const head = request.method === 'HEAD';
    const body = head ? undefined : bodies.get(request);
    for (const problem of checker.check(head ? 'GET' : request.method, url, { status, headers, body })) {
      violations.push(`${request.method} ${request.url} → ${status}: ${problem}`);
    }
  };

  app.addHook('onRequest', async (request, reply) => {
    const raw = reply.raw;
    const writeHead = raw.writeHead;
    raw.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const written = args.find((a): a is OutgoingHttpHeaders => typeof a === 'object' && a !== null && !Array.isArray(a));
      checkOnHead(request, Number(args[0]), headersOf(raw, written));
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['writeHead'];
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    bodies.set(request, textOf(payload));
    return payload;
  });

  return {
    violations,
    assertConforms() {
      if (violations.length) {
        throw new Error(
          `responses did not match the OpenAPI document (fix the route's schema, or what it sends):\n  ${violations.join('\n  ')}`,
        );
      }
    },
  };
};
