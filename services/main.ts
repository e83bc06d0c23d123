import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { loadWorkedExample } from './demo/load.js';
import { loadAnalystHistory } from './demo/loadAnalystHistory.js';
import { openLedger } from './ledger.js';
import { processLogger } from './logger.js';

/** The store setting for logs: a connection string's password is never written out. */
const redactedStore = (store: string) => store.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');

/**
 * Start the service: open the ledger, serve, and close gracefully on SIGINT/SIGTERM —
 * in-flight requests finish (their connections close after them), the store closes last, so
 * no acknowledged write is lost. Exit codes: 0 stopped, 1 failed (to start or to close),
 * 2 invalid configuration.
 */
const main = async () => {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = processLogger('sijill', config.logLevel);
  if (!config.tokens)
    log.warn('SIJILL_TOKENS is not set: every caller is an admin named "local" (fine on 127.0.0.1, not on a network)');
  const ledger = await openLedger(config, log);
  if (process.argv.includes('--demo')) {
    const example = await loadWorkedExample(ledger.store);
    const history = await loadAnalystHistory(ledger.store);
    log.info(
      { appended: example.appended + history.appended, unchanged: example.unchanged + history.unchanged },
      'worked example and its later corrections loaded (idempotent: a second load appends nothing)',
    );
  }
  const app = await buildApp(ledger, { logger: log });

  let closing = false;
  /**
   * Never rejects, always closes the store and exits: 0 when everything closed — even when the
   * last read-model snapshot could not be saved (a full disk, say: logged; the ledger is
   * intact and the next start replays from the older snapshot) — and 1 when the HTTP server
   * or the ledger failed to close.
   */
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    let code = 0;
    try {
      await app.close();
    } catch (error) {
      log.error({ err: error }, 'the HTTP server did not close cleanly');
      code = 1;
    }
    try {
      const { snapshotSaved } = await ledger.close();
      if (!snapshotSaved) {
        log.warn(
          'stopped without saving the read-model snapshot (see the error above): the next start replays the log from the older one',
        );
      }
    } catch (error) {
      log.error({ err: error }, 'the ledger did not close cleanly');
      code = 1;
    }
    log.info({ code }, 'stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  // Every place's control timeline, built a place at a time while the service already answers.
  void ledger.warmControl();
  log.info(
    { store: redactedStore(config.store), position: ledger.follower.position.toString() },
    'sijill ready; API docs at /docs',
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`sijill failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
