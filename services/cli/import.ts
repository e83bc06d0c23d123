import { importExport } from '../commands/importExport.js';
import { loadConfig } from '../config.js';
import { fileLines } from '../feeds/lines.js';
import { openStore } from '../ledger.js';

/**
 * `npm run import -- <file.ndjson>`: replay an export into the configured ledger (SIJILL_STORE).
 * The same command as `POST /v1/admin/import` (`importExport`): the whole file is checked
 * first, so a refused export changes nothing and exits 1 with the problem's detail;
 * importing twice adds nothing.
 */
const main = async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run import -- <export.ndjson>');
  // The composition root of this process: its clock is the one the checks and the store share.
  const now = () => new Date();
  const store = await openStore(loadConfig(), undefined, now);
  try {
    let total = 0;
    let last = 0;
    const summary = await importExport(store, () => fileLines(file), {
      now,
      onChecked: ({ events, fresh }) => {
        total = events;
        process.stderr.write(`${file}: ${events} events (${fresh} new), valid for this ledger\n`);
      },
      onProgress: (done) => {
        if (done - last >= 10_000) {
          last = done;
          process.stderr.write(`  ${done}/${total}\n`);
        }
      },
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
