import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { dbfRows } from '../importers/dbfRows.js';
import { deletionIds } from '../importers/deletions.js';
import { DATASET_FORMATS, type DatasetFormat, importDataset } from '../importers/engine.js';
import { registryOfLog } from '../importers/registryOfLog.js';
import { ReportWriter, reportFormatOf, reportToFile } from '../importers/report.js';
import { openStore } from '../ledger.js';
import { processLogger } from '../logger.js';

const USAGE =
  'usage: npm run import:dataset -- --format ucdp-ged|acled|gazetteer --release 23.1 --file PATH ' +
  '[--deletions PATH] [--boundaries DIR] [--report PATH.ndjson|.csv] [--strict] [--batch N]';

/** Exit codes: 0 imported (refusals reported), 1 the file or the arguments could not be used, 2 `--strict` and rows were refused. */
const EXIT_UNREADABLE = 1;
const EXIT_REFUSED = 2;

/**
 * `npm run import:dataset`: import a UCDP GED or ACLED CSV, or a COD-AB gazetteer (its CSV, a
 * shapefile attribute table `.dbf`, or a folder of them), into the configured ledger
 * (SIJILL_STORE) with the engine the HTTP job uses (`services/importers/engine.ts`). The file
 * is streamed; refused rows are reported (to `--report`, else as NDJSON on stdout) and the
 * import goes on. Stop the service first when the ledger is an SQLite file (it is held
 * exclusively).
 */
const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      format: { type: 'string' },
      release: { type: 'string' },
      file: { type: 'string' },
      deletions: { type: 'string' },
      boundaries: { type: 'string' },
      report: { type: 'string' },
      strict: { type: 'boolean', default: false },
      batch: { type: 'string' },
    },
  });
  const format = values.format as DatasetFormat | undefined;
  if (!format || !DATASET_FORMATS.includes(format) || !values.file || !values.release) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT_UNREADABLE;
  }
  const config = loadConfig();
  const log = processLogger('sijill-import-dataset', 'warn');
  const boundaries = values.boundaries ?? config.boundaries;
  const isTable =
    format === 'gazetteer' && ((await stat(values.file)).isDirectory() || values.file.toLowerCase().endsWith('.dbf'));
  const source = isTable ? { rows: dbfRows(values.file) } : { path: values.file };
  const report = values.report ? reportToFile(values.report) : new ReportWriter(process.stdout, reportFormatOf('.ndjson'));

  const store = await openStore(config, log);
  const started = Date.now();
  try {
    const counters = await importDataset(
      store,
      { principal: 'cli', correlationId: randomUUID(), causationId: randomUUID() },
      {
        format,
        release: values.release,
        // Folded from the log, not the read models: the import's memory is a batch and this index,
        // not every claim of the ledger.
        registry: () => registryOfLog(store),
        source,
        ...(values.deletions ? { deletions: deletionIds(createReadStream(values.deletions)) } : {}),
        ...(boundaries ? { boundaries } : {}),
        report,
        ...(values.batch ? { batchSize: Number(values.batch) } : {}),
        onProgress: (c) => process.stderr.write(`  ${c.rowsRead} rows read, ${c.refused} refused\n`),
      },
    );
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(
      `${values.file}: ${JSON.stringify(counters)} in ${seconds.toFixed(1)} s (${Math.round(counters.rowsRead / Math.max(seconds, 0.001))} rows/s)\n`,
    );
    return values.strict && counters.refused > 0 ? EXIT_REFUSED : 0;
  } finally {
    await report.close().catch(() => undefined);
    await store.close();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The file, the ledger or the arguments could not be used (an `invalid_dataset`, a missing file).
    process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT_UNREADABLE);
  },
);
