import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../services/config.js';
import { openLedger } from '../../../services/ledger.js';
import { someEvents } from '../../contract/fixture.js';

/**
 * A real sijill process for crash tests: opens the ledger in `dir`, registers a webhook to
 * `url` (from the start of the log) unless one exists, appends events until the log holds
 * `total`, prints `ready`, and delivers until it is killed.
 */
const [dir, url, total] = process.argv.slice(2);
if (!dir || !url || !total) throw new Error('usage: deliver.ts <dir> <url> <total>');
const config = loadConfig({
  SIJILL_STORE: join(dir, 'ledger.db'),
  SIJILL_WEBHOOK_RETRY_BASE_MS: '5',
  SIJILL_WEBHOOK_RETRY_CAP_MS: '40',
});
const ledger = await openLedger(config, pino({ level: 'silent' }));
if (ledger.webhooks.list().length === 0) await ledger.webhooks.register({ url, from: 'start', principal: 'crash-test' });
for (let count = Number(await ledger.store.headPosition()); count < Number(total); count++) {
  await ledger.store.append(`thing-${count}`, someEvents(1));
}
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
