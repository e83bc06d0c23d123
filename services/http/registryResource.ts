import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idOfStream } from '../../domain/ids.js';
import { matchesName } from '../../domain/search.js';
import { ApplicationError } from '../applicationError.js';
import { type Registration, registerEntity } from '../commands/registerEntity.js';
import type { AppDeps } from '../deps.js';
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
  readonly names: (view: View) => string[];
}

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
      schema: { tags, summary: `List ${r.path}, with name search`, querystring: ListQuery, response: { 200: Page(r.out) } },
    },
    async (request, reply) => {
      await readAt(deps, reply, request.query.minPosition);
      const { q, limit, offset } = request.query;
      const all = [...r.views(deps).values()].filter((v) => !q || matchesName(q, r.names(v)));
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
