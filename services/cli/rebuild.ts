import pino from 'pino';
import { ledgerProjection } from '../../projections/ledger.js';
import { ConfigError, loadConfig } from '../config.js';
import { openStore, snapshotPathOf } from '../ledger.js';
import { rebuildReadModels } from '../readmodels/rebuild.js';

/**
 * `npm run rebuild`: rebuild the read models from the log, showing progress. The ledger
 * file is held exclusively, so stop the service first (this refuses, saying so, otherwise).
 */
const main = async () => {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, name: 'sijill-rebuild' });
  const store = await openStore(config);
  try {
    const snapshotPath = snapshotPathOf(config);
    process.stderr.write(`rebuilding read models of ${config.store} into ${snapshotPath}\n`);
    const follower = await rebuildReadModels(store, ledgerProjection, log, {
      snapshotPath,
      onProgress: ({ position, head, events, elapsedMs }) => {
        const percent = head === 0n ? 100 : Number((position * 10_000n) / head) / 100;
        const rate = Math.round(events / Math.max(elapsedMs / 1000, 0.001));
        process.stderr.write(`  ${percent.toFixed(2)}%  position ${position}/${head}  ${events} events  ${rate} events/s\n`);
      },
    });
    process.stderr.write(`done: read models at position ${follower.position}\n`);
  } finally {
    await store.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? '' : 'rebuild failed: '}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
