import { loadConfig } from '../config.js';
import { importLog, validateExport } from '../feeds/importLog.js';
import { fileLines } from '../feeds/lines.js';
import { openStore } from '../ledger.js';

/**
 * `npm run import -- <file.ndjson>`: replay an export into the configured ledger (SIJILL_STORE).
 * The whole file is checked first, so a bad export changes nothing; importing twice adds nothing.
 */
const main = async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run import -- <export.ndjson>');
  const store = await openStore(loadConfig());
  try {
    const count = await validateExport(fileLines(file), store);
    process.stderr.write(`${file}: ${count} events, valid for this ledger\n`);
    let last = 0;
    const summary = await importLog(store, fileLines(file), (events) => {
      if (events - last >= 10_000) {
        last = events;
        process.stderr.write(`  ${events}/${count}\n`);
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
