import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApplicationError } from '../../applicationError.js';
import { importExport } from '../../commands/importExport.js';
import type { AppDeps } from '../../deps.js';
import { exportLog } from '../../feeds/exportLog.js';
import { fileLines } from '../../feeds/lines.js';
import { queryPosition, refuseBeyondHead } from '../../queries/positions.js';
import { ProblemSchema } from '../problem.js';
import { PositionText } from '../schemas.js';

const NDJSON = 'application/x-ndjson';
/** NDJSON text in the document: JSON Schema cannot say "one envelope per line", so the description does. */
const NDJSON_TEXT = {
  type: 'string',
  contentMediaType: NDJSON,
  description: 'Newline-delimited JSON: one `EventEnvelope` (see its schema) per line, in position order.',
} as const;
const NdjsonEnvelopes = z.string().meta(NDJSON_TEXT);
/** The import body as its content-type parser hands it over: a stream, read by the handler. */
const ImportBody = z.custom<Readable>((body) => body instanceof Readable).meta(NDJSON_TEXT);
/** An import may be the whole log of another ledger. */
const IMPORT_BODY_LIMIT = 4 * 1024 * 1024 * 1024;

export const exportImportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // The import body is streamed to a file as it arrives, never held in memory.
  app.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));

  app.get(
    '/v1/export',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['log'],
        summary: 'The log (or a position range) as NDJSON envelopes',
        description:
          'One event envelope per line, in position order, up to the head when the export started. Import it into another ledger with `POST /v1/admin/import` or `npm run import`.',
        querystring: z.strictObject({
          after: PositionText.optional().describe(
            'Exclusive start position: at most the head of the log, else `400 position_beyond_head` naming the head.',
          ),
          to: PositionText.optional().describe(
            'Inclusive end position. Default: the head when the export starts. A position beyond the head is refused ' +
              '(`400 position_beyond_head`), not clamped: the export would end at the head while a client resuming ' +
              'after `to` would skip what is written in between. `to` below `after` is a `400 validation_failed`.',
          ),
        }),
        response: {
          200: { description: 'The envelopes, one per line', content: { [NDJSON]: { schema: NdjsonEnvelopes } } },
          400: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const { after, to } = request.query;
      refuseBeyondHead(await deps.store.headPosition(), [queryPosition('after', after), queryPosition('to', to)]);
      if (after !== undefined && to !== undefined && BigInt(to) < BigInt(after)) {
        throw new ApplicationError('validation_failed', `querystring/to: must not be below after (${after})`, [
          { field: '/to', in: 'querystring', message: `must not be below after (${after})` },
        ]);
      }
      const range = { ...(after !== undefined ? { after: BigInt(after) } : {}), ...(to !== undefined ? { to: BigInt(to) } : {}) };
      void reply.type(NDJSON).header('content-disposition', 'attachment; filename="sijill-export.ndjson"');
      // The declared NDJSON text, produced page by page as the client reads.
      return reply.send(Readable.from(exportLog(deps.store, range)) as never);
    },
  );

  app.post(
    '/v1/admin/import',
    {
      config: { role: 'admin' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['log'],
        summary: 'Import an export into this ledger (idempotent)',
        description:
          'Send the NDJSON of `GET /v1/export` with `Content-Type: application/x-ndjson`. The whole export is checked before anything is written — envelopes and event data (`invalid_export`), the ledger rules a command would meet (`import_rule_violated`), knowledge-time stamps (`invalid_recorded_at`: never decreasing, not beyond the server clock, not below the last stamp here for new events) and the history this ledger holds (`import_conflict`, 409) — and a refused import changes nothing; the problem names the line as `errors[0].field` (`/3`). Event ids, streams, revisions, order and recordedAt are kept; event data is stored as its schema reads it (defaults filled); importing twice adds nothing. If another writer changes the ledger during the appends, `import_interrupted` (409) says how much was written; importing again completes it.',
        body: { content: { [NDJSON]: { schema: ImportBody } } },
        response: {
          200: z.object({ events: z.number().int(), appended: z.number().int(), head: PositionText }),
          400: ProblemSchema,
          409: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request) => {
      if (!(request.body instanceof Readable)) {
        throw new ApplicationError('unsupported_media_type', `send the export as ${NDJSON}`);
      }
      const dir = await mkdtemp(join(tmpdir(), 'sijill-import-'));
      const file = join(dir, 'import.ndjson');
      try {
        await pipeline(request.body, createWriteStream(file));
        // Two passes over the file: check everything, then append. An ImportError names the line
        // (problem.ts maps its code); nothing is written unless the whole file passed.
        const summary = await importExport(deps.store, () => fileLines(file), { now: deps.now });
        request.log.info(summary, 'export imported');
        return { ...summary, head: (await deps.store.headPosition()).toString() };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};
