import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idOfStream } from '../../domain/ids.js';
import { AddVariants } from '../../domain/names.js';
import { type Renaming, renameEntity } from '../commands/renameEntity.js';
import type { AppDeps } from '../deps.js';
import { IdParams, WriteResponse } from './schemas.js';
import { writeContextOf } from './writeContext.js';
import { writeErrors } from './writeErrors.js';
import { replyToWrite, toWriteResponse } from './writeReply.js';

/** The naming routes of one registry resource: what differs between places, actors and sources. */
export interface Naming<Rename> {
  readonly path: 'places' | 'actors' | 'sources';
  readonly noun: string;
  /** The body of a rename: the names in full, and why. */
  readonly rename: z.ZodType<Rename>;
  readonly toRename: (id: string, body: Rename) => Renaming;
  readonly toAddVariants: (id: string, body: AddVariants) => Renaming;
}

const WRITE_RULES =
  'Appends an event with the names in full as they now read; the stream keeps every earlier name, and the entity ' +
  '(GET) shows the current ones. Names it already has append nothing (200). `If-Match: "<revision>"` makes the ' +
  'write conditional (412 when the stream moved on); `Idempotency-Key` makes a retry answer as the first attempt.';

/**
 * `POST /v1/{path}/{id}/names` (rename: replace the names) and `POST /v1/{path}/{id}/variants`
 * (add spellings and aliases), both answering 201 with the write and `Location` the entity.
 */
export const registerNamingRoutes = <Rename>(app: FastifyInstance, deps: AppDeps, n: Naming<Rename>) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const schema = (summary: string, description: string, body: z.ZodType) => ({
    tags: [n.path],
    summary,
    description: `${description} ${WRITE_RULES}`,
    params: IdParams,
    body,
    response: { 200: WriteResponse, 201: WriteResponse, ...writeErrors },
  });
  const location = (w: { streamId: string }) => `/v1/${n.path}/${idOfStream(w.streamId)}`;

  typed.post(
    `/v1/${n.path}/:id/names`,
    {
      config: { role: 'analyst' },
      schema: schema(
        `Rename a ${n.noun}`,
        `Replaces the ${n.noun}'s names — display names and variants — with those given.`,
        n.rename,
      ),
    },
    async (request, reply) => {
      const command = n.toRename(request.params.id, request.body as Rename);
      const result = await renameEntity(deps, writeContextOf(request), command);
      return replyToWrite(request, reply, result, toWriteResponse, location);
    },
  );

  typed.post(
    `/v1/${n.path}/:id/variants`,
    {
      config: { role: 'analyst' },
      schema: schema(
        `Add spelling variants and aliases to a ${n.noun}`,
        `Adds spellings and aliases (Albu Kamal, ISIS, داعش) to the ${n.noun}'s variants, after those it has; ` +
          'those it already has in any spelling name search reads alike are left out. At most 50 variants in all ' +
          '(422 `invalid_command` beyond).',
        AddVariants,
      ),
    },
    async (request, reply) => {
      const command = n.toAddVariants(request.params.id, request.body as AddVariants);
      const result = await renameEntity(deps, writeContextOf(request), command);
      return replyToWrite(request, reply, result, toWriteResponse, location);
    },
  );
};
