import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idOfStream } from '../../domain/ids.js';
import type { Names } from '../../domain/names.js';
import { ApplicationError } from '../applicationError.js';
import { type Registration, registerEntity } from '../commands/registerEntity.js';
import type { AppDeps } from '../deps.js';
import { searchByName } from '../queries/nameSearch.js';
import { ProblemSchema } from './problem.js';
import { ListQuery, Page, page, ReadQuery, readAt } from './reads.js';
import { IdParams, WriteResponse } from './schemas.js';
import { writeContextOf } from './writeContext.js';
import { writeErrors } from './writeErrors.js';
import { replyToWrite, toWriteResponse } from './writeReply.js';

/**
 * The three routes every registry entity has: register (POST), list with name search, and
 * one by id. Sources, places, actors and articles differ only in the pieces named here.
 */
export interface RegistryResource<Body extends { id: string }, View, Out extends z.ZodType> {
  readonly path: string;
  readonly noun: string;
  readonly body: z.ZodType<Body>;
  readonly toCommand: (body: Body) => Registration;
  readonly out: Out;
  readonly views: (deps: AppDeps) => ReadonlyMap<string, View>;
  readonly toOut: (view: View, deps: AppDeps) => z.output<Out>;
  /** The entity's names, for search (`q`). */
  readonly names: (view: View) => Names;
  /** Lookups by other keys than the name (a place's P-code), as extra query parameters of the list. */
  readonly lookups?: Lookups<View>;
}

/** Extra query parameters of a list, each an exact lookup: an entity is listed when it matches every one given. */
export interface Lookups<View> {
  readonly query: z.ZodRawShape;
  readonly matches: (view: View, query: Record<string, unknown>) => boolean;
}

/** How `q` matches and orders, for the list routes' OpenAPI description. */
export const NAME_SEARCH_RULE =
  '`q` finds entities by whole words of their names — the English and Arabic names and every variant or alias — ' +
  'never by letters inside another word (`q=IS` finds the actor named or aliased IS, not "District"). Every word of ' +
  'the query must be a word of a name, in any order; a query word of three letters or more may also be the start of ' +
  'one. Spellings fold: case, diacritics, dashes and apostrophes; Latin transliteration (Abu/Albu/Al-Bu, Deir/Dayr, ' +
  'the articles al/ez/az/as…, Zor/Zawr, doubled letters, vowels); Arabic letter forms and the article ال with the ' +
  'clitics و ف ب ك ل before it. Results are ranked: the display name exactly, then a variant or alias exactly, then ' +
  'the whole name folded, then whole words, then word starts; equal ranks in registration order.';

export const registerRegistryResource = <Body extends { id: string }, View, Out extends z.ZodType>(
  app: FastifyInstance,
  deps: AppDeps,
  r: RegistryResource<Body, View, Out>,
) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = [r.path];

  typed.post(
    `/v1/${r.path}`,
    {
      config: { role: 'analyst' },
      schema: {
        tags,
        summary: `Register a ${r.noun}`,
        body: r.body,
        response: { 200: WriteResponse, 201: WriteResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const result = await registerEntity(deps, writeContextOf(request), r.toCommand(request.body as Body));
      return replyToWrite(request, reply, result, toWriteResponse, (w) => `/v1/${r.path}/${idOfStream(w.streamId)}`);
    },
  );

  typed.get(
    `/v1/${r.path}`,
    {
      config: { role: 'reader' },
      schema: {
        tags,
        summary: `List ${r.path}, with name search`,
        description: NAME_SEARCH_RULE,
        // Narrowed: the lookups' parameters are read by `matches`, which parses its own.
        querystring: (r.lookups ? ListQuery.extend(r.lookups.query) : ListQuery) as typeof ListQuery,
        response: { 200: Page(r.out) },
      },
    },
    async (request, reply) => {
      await readAt(deps, reply, request.query.minPosition);
      const { q, limit, offset } = request.query;
      const lookups = r.lookups;
      const views = lookups
        ? [...r.views(deps).values()].filter((v) => lookups.matches(v, request.query as Record<string, unknown>))
        : r.views(deps).values();
      const all = q ? searchByName(views, q, r.names) : [...views];
      const result = page(all, limit, offset);
      return { ...result, items: result.items.map((v) => r.toOut(v, deps)) };
    },
  );

  typed.get(
    `/v1/${r.path}/:id`,
    {
      config: { role: 'reader' },
      schema: {
        tags,
        summary: `One ${r.noun}`,
        params: IdParams,
        querystring: z.strictObject(ReadQuery),
        // Widened: fastify's inference cannot resolve a response type generic over the resource.
        response: { 200: r.out as z.ZodType, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await readAt(deps, reply, request.query.minPosition);
      const view = r.views(deps).get(request.params.id);
      if (view === undefined) throw new ApplicationError('not_found', `no ${r.noun} ${request.params.id}`);
      return r.toOut(view, deps);
    },
  );
};
