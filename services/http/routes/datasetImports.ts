import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApplicationError } from '../../applicationError.js';
import type { AppDeps } from '../../deps.js';
import { DATASET_FORMATS } from '../../importers/engine.js';
import { type ImportJob, ImportJobs } from '../../importers/jobs.js';
import { clientIdsOf } from '../clientIds.js';
import { ProblemSchema, toProblem } from '../problem.js';

const CSV = 'text/csv';
const NDJSON = 'application/x-ndjson';
/** A dataset may be a whole GED release (300 MB). */
const IMPORT_BODY_LIMIT = 4 * 1024 * 1024 * 1024;
/** The longest a status request may wait for its job to finish. */
const MAX_WAIT_MS = 60_000;

const CsvBody = z
  .custom<Readable>((body) => body instanceof Readable)
  .meta({ type: 'string', contentMediaType: CSV, description: 'The dataset file as its publisher gives it (RFC 4180 CSV).' });

const Counters = z.object({
  rowsRead: z.number().int().describe('Data rows read (the header excluded), or the lines of a deletions list.'),
  claimsRecorded: z.number().int(),
  unchanged: z.number().int().describe('Rows the ledger already holds as they read (a re-import appends nothing).'),
  corrected: z.number().int().describe('Claims a newer release changed: corrected, the release named.'),
  retracted: z.number().int().describe('Claims of the deletions list retracted.'),
  outdated: z
    .number()
    .int()
    .describe(
      'Rows (or deletions) of a release older than the one their claim reads from (its recording, or the last ' +
        'correction a release brought): the claim is left as it is. Releases compare numerically (19.1 < 23.1 < 23.10; ' +
        'ACLED export dates as dates).',
    ),
  refused: z.number().int().describe('Rows not imported: each is in the report with its field and reason.'),
  entitiesRegistered: z.number().int().describe('Sources, actors, places and articles registered on the way.'),
});

const JobOut = z
  .object({
    id: z.string(),
    format: z.enum(DATASET_FORMATS),
    release: z.string(),
    list: z.enum(['rows', 'deletions']),
    status: z.enum(['running', 'succeeded', 'failed']),
    counters: Counters,
    progress: z.object({
      bytesRead: z.number().int(),
      bytesTotal: z.number().int(),
      fraction: z.number().describe('bytesRead / bytesTotal, 0–1.'),
    }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    error: ProblemSchema.nullable().describe(
      'Why a failed job stopped: an RFC 9457 problem (type, title, status, detail, code; instance the job), the ' +
        'status the code gets over HTTP — e.g. 422 invalid_dataset for a file that stops being readable part way, ' +
        '503 not_caught_up.',
    ),
    report: z.string().describe('Where the per-row report is (NDJSON).'),
  })
  .meta({ id: 'ImportJob' });

const JobParams = z.strictObject({ id: z.uuid().describe('The job id the import answered with.') });

const jobOut = (job: ImportJob) => ({
  id: job.id,
  format: job.format,
  release: job.release,
  list: job.list,
  status: job.status,
  counters: job.counters,
  progress: {
    ...job.progress,
    fraction: job.progress.bytesTotal === 0 ? 1 : Math.min(1, job.progress.bytesRead / job.progress.bytesTotal),
  },
  startedAt: job.startedAt,
  finishedAt: job.finishedAt ?? null,
  error: job.error ?? null,
  report: `/v1/admin/imports/${job.id}/report`,
});

const notFound = (id: string) => new ApplicationError('not_found', `no import job ${id} on this server`);

/**
 * Dataset imports over HTTP (issue 11 §4), for admins: the file is the streamed request body;
 * the import runs as a job (`services/importers/jobs.ts`) with the engine the CLI uses.
 */
export const datasetImportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const jobs = new ImportJobs(deps, app.log, deps.config.boundaries, deps.now, (error, id) => ({
    ...toProblem(error),
    instance: `/v1/admin/imports/${id}`,
  }));
  app.addHook('onClose', () => jobs.close());
  app.addContentTypeParser(CSV, (_request, payload, done) => done(null, payload));

  app.post(
    '/v1/admin/imports',
    {
      config: { role: 'admin' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['datasets'],
        summary: 'Import a dataset file (UCDP GED, ACLED, COD-AB gazetteer) as a job',
        description:
          'Send the CSV as published (`Content-Type: text/csv`). The body is streamed to disk, then the import runs ' +
          'in the background: `202` with `Location` of the job. The header row is checked first: a file without the ' +
          'columns of its format (or empty, or not CSV) is `422 invalid_dataset` at once and nothing is kept. Each row becomes a claim (or a place, for a gazetteer) ' +
          'through the same rules as every write; a row that cannot be imported is refused alone and listed in the ' +
          'report with its field and reason. Importing the same file again appends nothing; a newer `release` appends ' +
          'corrections naming it; `list=deletions` takes a release’s deletions list (one external id a line, or a CSV ' +
          'with an `id` / `event_id_cnty` column) and retracts those claims. Shapefile attribute tables (`.dbf`) are ' +
          'imported with `npm run import:dataset`. See docs/datasets.md for the mapping.',
        querystring: z.strictObject({
          format: z.enum(DATASET_FORMATS).describe('ucdp-ged, acled or gazetteer (COD-AB CSV).'),
          release: z
            .string()
            .trim()
            .min(1)
            .max(40)
            .describe('The release the file is, e.g. 23.1 (UCDP) or an ACLED export date.'),
          list: z.enum(['rows', 'deletions']).default('rows').describe('rows (default) or the release’s deletions list.'),
        }),
        body: { content: { [CSV]: { schema: CsvBody } } },
        response: {
          202: JobOut.describe('The job, running; `Location` names it.'),
          400: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      if (!(request.body instanceof Readable)) throw new ApplicationError('unsupported_media_type', `send the file as ${CSV}`);
      const { correlationId } = clientIdsOf(request);
      const job = await jobs.start(request.body, {
        ...request.query,
        write: { principal: request.principal, causationId: request.id, correlationId: correlationId ?? request.id },
      });
      request.log.info({ jobId: job.id, format: job.format, release: job.release }, 'dataset import started');
      return reply.code(202).header('location', `/v1/admin/imports/${job.id}`).send(jobOut(job));
    },
  );

  app.get(
    '/v1/admin/imports/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['datasets'],
        summary: 'An import job: status, counters, progress',
        params: JobParams,
        querystring: z.strictObject({
          waitMs: z.coerce
            .number()
            .int()
            .min(0)
            .max(MAX_WAIT_MS)
            .default(0)
            .describe('Wait up to this long for a running job to finish before answering (0–60000 ms).'),
        }),
        response: { 200: JobOut, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!jobs.get(id)) throw notFound(id);
      await jobs.settled(id, request.query.waitMs);
      return jobOut(jobs.get(id)!);
    },
  );

  app.get(
    '/v1/admin/imports/:id/report',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['datasets'],
        summary: 'An import job’s report: one NDJSON line per row',
        description:
          'Each line: `{ row, externalId, outcome: recorded|registered|unchanged|corrected|retracted|outdated|refused, streamId, ' +
          'field, reason, note }`; `row` is the 1-based data row (header excluded; for a deletions list, its line); ' +
          '`reason` says why a row was refused or outdated; `note` what was cut from a row written (e.g. ' +
          '"source_article cut to 4,000 characters"). Written as the job goes.',
        params: JobParams,
        response: {
          200: {
            description: 'The report so far',
            content: { [NDJSON]: { schema: z.string().meta({ type: 'string', contentMediaType: NDJSON }) } },
          },
          404: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const report = jobs.report(request.params.id);
      if (!report) throw notFound(request.params.id);
      return reply.type(NDJSON).send(report as never);
    },
  );
};
