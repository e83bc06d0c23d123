import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExpectedRevision, RecordedEvent, StreamAppend } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { BENCH_DIR } from '../lib/benchDeps.js';
import { runTask } from '../lib/child.js';
import { GED_231_SAMPLE, REALDATA, writeGedRows } from '../lib/gedRows.js';
import { fmt } from '../lib/measure.js';
import { measured, ratioAtLeast, reportedOnly, valueBelow } from '../lib/rows.js';
import type { Figure } from '../lib/types.js';
import type { ImportUcdpInput, ImportUcdpReport } from '../tasks/importUcdp.js';

const rate = {
  name: 'import-ucdp',
  title: 'UCDP GED import through the engine: 100,000 GED-shaped rows from the real 23.1 sample into SQLite',
  unit: 'rows/s',
  baseline:
    'append-batch of the same events: the events the import wrote, appended again through the port 100 per durable append, as rows/s',
  target: 'ratio ≥ 0.5',
};
const memory = {
  name: 'import-ucdp-rss',
  title: 'peak RSS of the import process (the file is streamed)',
  unit: 'MiB',
  baseline: 'peak RSS of the same process after the set-up (store, polygons, gazetteer), before the rows',
  target: '< 500 MiB',
};

const readModels = {
  name: 'import-ucdp-read-models',
  title: 'heap of the read models of the imported ledger, per dataset row (a service holding it carries them)',
  unit: 'bytes/row',
  baseline: 'the ledger file, bytes per row on disk (the same ledger)',
  target: reportedOnly.text,
};

/**
 * The baseline: the events of `path` after `after`, appended to a new durable ledger at `target`
 * 100 at a time, each hundred in one `appendMulti` (the streams of a batch with their expected
 * revisions) — what the import's own appends would cost with no reading, mapping, matching or
 * deciding. Returns the milliseconds the appends took (reading them first is not timed).
 */
const appendAgain = async (path: string, after: bigint, target: string): Promise<number> => {
  const source = await openSqliteEventStore({ path });
  const events: RecordedEvent[] = [];
  try {
    for (let from = after; ; ) {
      const page = await source.readAll({ after: from, maxCount: 10_000 });
      if (page.length === 0) break;
      events.push(...page);
      from = page.at(-1)!.position;
    }
  } finally {
    await source.close();
  }
  const store = await openSqliteEventStore({ path: target });
  try {
    const revisions = new Map<string, ExpectedRevision>();
    const started = performance.now();
    for (let i = 0; i < events.length; i += 100) {
      const byStream = new Map<string, RecordedEvent[]>();
      for (const e of events.slice(i, i + 100)) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
      const appends: StreamAppend[] = [...byStream].map(([streamId, list]) => ({
        streamId,
        events: list.map(({ eventId, type, schemaVersion, data, metadata }) => ({
          eventId,
          type,
          schemaVersion,
          data,
          metadata,
        })),
        expectedRevision: revisions.get(streamId) ?? 'no_stream',
      }));
      const results = await store.appendMulti(appends);
      for (const [k, a] of appends.entries()) revisions.set(a.streamId, results[k]!.nextExpectedRevision);
    }
    return performance.now() - started;
  } finally {
    await store.close();
  }
};

/**
 * Issue 11's import figure. The rows are the real GED 23.1 sample repeated with new ids and
 * varied fatality counts (`writeGedRows`), imported in a fresh process after the COD-AB
 * gazetteer. The baseline appends the very events the import wrote, 100 per durable append
 * through the port, in the same run; both are turned into rows/s (the baseline's time for
 * those events, per row), so the ratio is baseline time ÷ import time.
 */
export const importUcdp: Figure = {
  name: 'import-ucdp',
  title: rate.title,
  rows: [rate, memory, readModels],
  async run(context) {
    const rows = context.quick ? 5_000 : 100_000;
    const dir = join(context.workDir, 'import-ucdp');
    // Fresh each run: a ledger left by an earlier run (a kept --work-dir) would make every row unchanged.
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'ledger'), { recursive: true });
    const file = join(dir, `ged-${rows}.csv`);
    context.log(`import-ucdp: writing ${fmt(rows)} GED-shaped rows from ${GED_231_SAMPLE}`);
    await writeGedRows(file, rows);
    const input: ImportUcdpInput = {
      dir: join(dir, 'ledger'),
      gazetteer: join(REALDATA, 'syr_cod_ab_gazetteer.csv'),
      boundaries: join(REALDATA, 'boundaries'),
      rows: file,
    };
    context.log('import-ucdp: importing (fresh process)');
    const imported = await runTask<ImportUcdpInput, ImportUcdpReport>(join(BENCH_DIR, 'tasks', 'importUcdp.ts'), input, [
      '--expose-gc',
    ]);
    if (imported.counters.rowsRead !== rows) throw new Error(`read ${imported.counters.rowsRead} rows of ${rows}`);
    context.log(`import-ucdp: appending the same ${fmt(imported.events)} events again, 100 per append (baseline)`);
    const baselineMs = await appendAgain(join(dir, 'ledger', 'sijill.db'), imported.firstPosition, join(dir, 'baseline.db'));
    const importRate = (rows * 1000) / imported.ms;
    const baselineRate = (rows * 1000) / baselineMs;
    const c = imported.counters;
    return [
      measured({
        ...rate,
        value: importRate,
        baselineValue: baselineRate,
        target: ratioAtLeast(0.5),
        notes: [
          `${fmt(rows)} rows → ${fmt(imported.events)} events in ${fmt(imported.ms / 1000, 1)} s; the baseline appended them in ${fmt(baselineMs / 1000, 1)} s`,
          `${fmt(c.claimsRecorded)} claims recorded, ${fmt(c.entitiesRegistered)} entities registered, ${fmt(c.refused)} rows refused (reported)`,
          'synchronous=FULL both; the gazetteer (762 places) imported before, untimed',
        ].join('; '),
      }),
      measured({
        ...memory,
        value: imported.peakRssMiB,
        baselineValue: imported.setupPeakRssMiB,
        target: valueBelow(500, 'MiB'),
        notes: `process.resourceUsage().maxRSS of the import process (gazetteer and polygons loaded, ${fmt(rows)} rows streamed)`,
      }),
      measured({
        ...readModels,
        value: (imported.readModelsHeapMiB * 2 ** 20) / rows,
        baselineValue: (await stat(join(dir, 'ledger', 'sijill.db'))).size / rows,
        target: reportedOnly,
        notes: [
          `${fmt(imported.readModelsHeapMiB)} MiB of heap after gc() for ${fmt(imported.claims)} claims and ${fmt(imported.articles)} articles (the whole ledger, gazetteer included)`,
          `at this rate 2,500,000 rows (ACLED's size) would take ${fmt(((imported.readModelsHeapMiB / rows) * 2_500_000) / 1024, 1)} GiB: one article per row, and each row's structured fields (fatalities, roles, precision, typology, provenance) its own objects`,
        ].join('; '),
      }),
    ];
  },
};
