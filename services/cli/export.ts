import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../config.js';
import { exportLog } from '../feeds/exportLog.js';
import { openStore } from '../ledger.js';

/**
 * `npm run export -- [file]`: the whole log as NDJSON, to a file or standard output. The
 * ledger file is held exclusively: stop the service first, or use `GET /v1/export`.
 */
const main = async () => {
  const store = await openStore(loadConfig());
  try {
    const target = process.argv[2];
    await pipeline(Readable.from(exportLog(store)), target ? createWriteStream(target) : process.stdout);
  } finally {
    await store.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`export failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
