import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import { ApplicationError } from '../applicationError.js';
import type { WriteContext } from '../commands/writeContext.js';
import type { WriteSide } from '../commands/writeSide.js';
import { csvRows } from './csvRows.js';
import { deletionIds } from './deletions.js';
import {
  caughtUpRegistry,
  type DatasetFormat,
  emptyCounters,
  type ImportCounters,
  type ImportInput,
  importDataset,
} from './engine.js';
import { type AdminPolygon, loadAdminPolygons } from './placeIndex.js';
import { assertColumns } from './plannedRows.js';
import { ReportWriter } from './report.js';

/**
 * Why a job failed, as an RFC 9457 problem (the members `services/http/problem.ts` gives every
 * HTTP error: `type`, `title`, `status` — the one the code gets over HTTP, e.g. 422 for
 * `invalid_dataset` —, `detail`, `code`, and the job as `instance`).
 */
export interface JobProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
}

/** What the file of a job is: a dataset's rows, or a release's deletions list. */
export type ImportList = 'rows' | 'deletions';

/** An import job as its status answer shows it. */
export interface ImportJob {
  readonly id: string;
  readonly format: DatasetFormat;
  readonly release: string;
  readonly list: ImportList;
  readonly principal: string;
  status: 'running' | 'succeeded' | 'failed';
  counters: ImportCounters;
  /** Bytes of the uploaded file read so far, of its size. */
  progress: { bytesRead: number; bytesTotal: number };
  readonly startedAt: string;
  finishedAt?: string;
  error?: JobProblem;
}

interface Running {
  readonly job: ImportJob;
  readonly reportPath: string;
  readonly done: Promise<void>;
}

/**
 * Read a CSV upload's header row and check it has its format's columns (`assertColumns`);
 * throws `invalid_dataset` when it lacks one, is empty, or cannot be read as CSV before its
 * header ends (binary data). Only the first rows are parsed; the rest of the file is not read.
 */
const checkHeader = async (path: string, format: DatasetFormat): Promise<void> => {
  const input = createReadStream(path);
  const source = csvRows(input);
  const rows = source.rows[Symbol.asyncIterator]();
  try {
    await rows.next();
  } catch (error) {
    // A break after the header is the job's to report, with the rows before it kept.
    if (source.columns().length === 0) {
      throw new ApplicationError(
        'invalid_dataset',
        `not a ${format} CSV file: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } finally {
    await rows.return?.(undefined).catch(() => undefined);
    input.destroy();
  }
  assertColumns(format, source.columns());
};

/**
 * Dataset imports run as jobs (issue 11 §4): the upload is streamed to a file (never held in
 * memory), its header row checked (a file without its format's columns is refused before any
 * job starts), the answer comes at once, and the engine runs in the background, its counters and
 * progress readable while it runs and its report (NDJSON) once it has begun. Jobs live with
 * the process that runs them: a restart forgets them (the ledger keeps what they wrote, and
 * importing the file again appends only what is missing).
 */
export class ImportJobs {
  readonly #jobs = new Map<string, Running>();
  #dir: string | undefined;
  #polygons: Promise<readonly AdminPolygon[]> | undefined;

  constructor(
    private readonly side: WriteSide,
    private readonly log: FastifyBaseLogger,
    /** COD-AB boundaries folder (`SIJILL_BOUNDARIES`), read once, at the first job. */
    private readonly boundaries: string | undefined,
    private readonly now: () => Date,
    /** The problem an error is (the HTTP layer's `toProblem`, passed in so jobs know nothing of HTTP). */
    private readonly problemOf: (error: unknown, jobId: string) => JobProblem,
  ) {}

  async #workDir(): Promise<string> {
    this.#dir ??= await mkdtemp(join(tmpdir(), 'sijill-imports-'));
    return this.#dir;
  }

  /** Receive the upload to a file, then start the import; resolves with the job once the upload is whole. */
  async start(
    body: Readable,
    options: { format: DatasetFormat; release: string; list: ImportList; write: WriteContext },
  ): Promise<ImportJob> {
    if (options.format === 'gazetteer' && options.list === 'deletions') {
      throw new ApplicationError('validation_failed', 'a gazetteer has no deletions list', [
        { field: '/list', in: 'querystring', message: 'deletions apply to ucdp-ged and acled' },
      ]);
    }
    const id = randomUUID();
    const dir = await this.#workDir();
    const upload = join(dir, `${id}.upload`);
    try {
      await pipeline(body, createWriteStream(upload));
      // The header is read before the job is answered: a file that is not its format is a 422 at once.
      if (options.list === 'rows') await checkHeader(upload, options.format);
    } catch (error) {
      // An upload cut short (the client went away) or refused leaves no file behind.
      await rm(upload, { force: true });
      throw error;
    }
    const size = (await stat(upload)).size;
    const job: ImportJob = {
      id,
      format: options.format,
      release: options.release,
      list: options.list,
      principal: options.write.principal,
      status: 'running',
      counters: emptyCounters(),
      progress: { bytesRead: 0, bytesTotal: size },
      startedAt: this.now().toISOString(),
    };
    const reportPath = join(dir, `${id}.report.ndjson`);
    // The report exists from the start: asking for it while the job runs gives what is written so far.
    await writeFile(reportPath, '');
    const done = this.#run(job, upload, reportPath, options.write);
    this.#jobs.set(id, { job, reportPath, done });
    return job;
  }

  async #run(job: ImportJob, upload: string, reportPath: string, write: WriteContext): Promise<void> {
    const report = new ReportWriter(createWriteStream(reportPath), 'ndjson');
    let input: Readable | undefined;
    try {
      this.#polygons ??= this.boundaries ? loadAdminPolygons(this.boundaries) : Promise.resolve([]);
      const polygons = await this.#polygons;
      const onBytesRead = (bytes: number) => {
        job.progress.bytesRead = bytes;
      };
      let source: ImportInput['source'] = { path: upload, onBytesRead };
      let deletions: ImportInput['deletions'];
      if (job.list === 'deletions') {
        // Opened only now: a stream read before its parser is attached would lose what it read.
        const list = createReadStream(upload);
        input = list;
        list.on('data', () => onBytesRead(list.bytesRead));
        source = { rows: (async function* () {})() };
        deletions = deletionIds(list);
      }
      job.counters = await importDataset(this.side.store, write, {
        registry: () => caughtUpRegistry(this.side),
        format: job.format,
        release: job.release,
        source,
        ...(deletions ? { deletions } : {}),
        polygons,
        report,
        onProgress: (counters) => {
          job.counters = { ...counters };
        },
      });
      job.status = 'succeeded';
    } catch (error) {
      job.status = 'failed';
      job.error = this.problemOf(error, job.id);
      this.log[job.error.status >= 500 ? 'error' : 'warn']({ jobId: job.id, err: error }, 'dataset import failed');
    } finally {
      input?.destroy();
      await report.close().catch(() => undefined);
      await rm(upload, { force: true });
      job.finishedAt = this.now().toISOString();
      this.log.info({ jobId: job.id, status: job.status, counters: job.counters }, 'dataset import finished');
    }
  }

  get(id: string): ImportJob | undefined {
    return this.#jobs.get(id)?.job;
  }

  /** Resolves once the job has finished, or after `timeoutMs`, whichever comes first. */
  async settled(id: string, timeoutMs: number): Promise<void> {
    const running = this.#jobs.get(id);
    if (running?.job.status !== 'running' || timeoutMs <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running.done, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** The job's report so far, as a stream of NDJSON lines. */
  report(id: string): Readable | undefined {
    const running = this.#jobs.get(id);
    return running ? createReadStream(running.reportPath) : undefined;
  }

  /** Let running jobs finish, then remove the uploads and reports. */
  async close(): Promise<void> {
    await Promise.all([...this.#jobs.values()].map((r) => r.done));
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
  }
}
