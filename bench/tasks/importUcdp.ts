import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { ledgerProjection } from '../../projections/ledger.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { csvRows } from '../../services/importers/csvRows.js';
import { type ImportCounters, importDataset } from '../../services/importers/engine.js';
import { registryOfLog } from '../../services/importers/registryOfLog.js';
import { reportToFile } from '../../services/importers/report.js';
import { rebuildReadModels } from '../../services/readmodels/rebuild.js';
import { task } from '../lib/child.js';
import { memoryAfterGc } from './memory.js';

export interface ImportUcdpInput {
  readonly dir: string;
  readonly gazetteer: string;
  readonly boundaries: string;
  readonly rows: string;
}

export interface ImportUcdpReport {
  readonly counters: ImportCounters;
  /** Events the GED import appended (the gazetteer's, set up before, excluded). */
  readonly events: number;
  /** The log position before the GED import: its events are the ones after it. */
  readonly firstPosition: bigint;
  readonly ms: number;
  /** Peak resident set size of the whole process, MiB (`process.resourceUsage().maxRSS`). */
  readonly peakRssMiB: number;
  /** The same, measured after the set-up (store open, gazetteer imported), before the rows. */
  readonly setupPeakRssMiB: number;
  /**
   * Heap the service's read models take for this ledger, in MiB: folded from its whole log after
   * the import (`rebuildReadModels`), measured after `gc()` against the heap just before.
   */
  readonly readModelsHeapMiB: number;
  /** Claims and articles in those read models. */
  readonly claims: number;
  readonly articles: number;
}

/**
 * The import as `npm run import:dataset` runs it, in a fresh process so the peak RSS is the
 * import's: a durable SQLite ledger (synchronous=FULL, the service's default), the COD-AB
 * gazetteer imported first (set-up, not timed), then the GED rows streamed through the engine.
 */
task<ImportUcdpInput, ImportUcdpReport>(async ({ dir, gazetteer, boundaries, rows }) => {
  const store = await openSqliteEventStore({ path: join(dir, 'sijill.db') });
  const write = () => ({ principal: 'bench', correlationId: randomUUID(), causationId: randomUUID() });
  try {
    const setupReport = reportToFile(join(dir, 'gazetteer-report.ndjson'));
    await importDataset(store, write(), {
      registry: () => registryOfLog(store),
      format: 'gazetteer',
      release: 'cod-ab-v02',
      source: csvRows(createReadStream(gazetteer)),
      boundaries,
      report: setupReport,
    });
    await setupReport.close();
    const setupPeakRssMiB = process.resourceUsage().maxRSS / 1024;
    const before = await store.headPosition();
    const report = reportToFile(join(dir, 'ucdp-report.ndjson'));
    const started = performance.now();
    const counters = await importDataset(store, write(), {
      registry: () => registryOfLog(store),
      format: 'ucdp-ged',
      release: '23.1',
      source: { path: rows },
      boundaries,
      report,
    });
    await report.close();
    const ms = performance.now() - started;
    const after = await store.headPosition();
    // The import's own peak, before the read models below are folded.
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    // What a service holding this ledger carries: its read models, folded from the log.
    const heapBefore = memoryAfterGc().heapUsedMiB;
    const follower = await rebuildReadModels(store, ledgerProjection, pino({ level: 'warn' }));
    const readModelsHeapMiB = memoryAfterGc().heapUsedMiB - heapBefore;
    return {
      readModelsHeapMiB,
      claims: follower.state.claims.claims.size,
      articles: follower.state.registry.articles.size,
      counters,
      events: Number(after - before),
      firstPosition: before,
      ms,
      peakRssMiB,
      setupPeakRssMiB,
    };
  } finally {
    await store.close();
  }
});
