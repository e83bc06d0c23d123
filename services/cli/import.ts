import { loadConfig } from '../config.js';
import { importLog } from '../feeds/importLog.js';
import { fileLines } from '../feeds/lines.js';
import { validateExport } from '../feeds/validateExport.js';
import { openStore } from '../ledger.js';

/**
 * `npm run import -- <file.ndjson>`: replay an export into the configured ledger (SIJILL_STORE).
 * The same checks as `POST /v1/admin/import`: the whole file first, so a refused export changes
 * nothing and exits 1 with the problem's detail; importing twice adds nothing.
 */
const main = async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run import -- <export.ndjson>');
  // The composition root of this process: its clock is the one the checks and the store share.
  const now = () => new Date();
  const store = await openStore(loadConfig(), undefined, now);
  try {
    const { events, fresh } = await validateExport(fileLines(file), store, { now });
    process.stderr.write(`${file}: ${events} events (${fresh} new), valid for this ledger\n`);
    let last = 0;
    const summary = await importLog(store, fileLines(file), (done) => {
      if (done - last >= 10_000) {
        last = done;
        process.stderr.write(`  ${done}/${events}\n`);
      }
    });
    process.stderr.write(`imported: ${summary.appended} appended, ${summary.events - summary.appended} already present\n`);
  } finally {
    await store.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
