import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openLedger } from './ledger.js';

/**
 * The OpenAPI document a sijill service configured by `env` serves at `/openapi.json`, built
 * without a server on a throwaway ledger (the document depends on the configuration, not on
 * the data: with `SIJILL_TOKENS` its operations require bearer tokens). For linting
 * (`npm run lint:openapi`) and for tests.
 */
export const openApiDocument = async (env: Record<string, string> = {}): Promise<Record<string, unknown>> => {
  const dir = await mkdtemp(join(tmpdir(), 'sijill-openapi-'));
  try {
    const config = loadConfig({
      SIJILL_STORE: join(dir, 'ledger.db'),
      SIJILL_SNAPSHOT: join(dir, 'readmodels.snapshot'),
      SIJILL_WEBHOOKS_DB: join(dir, 'webhooks.db'),
      ...env,
    });
    const ledger = await openLedger(config, pino({ level: 'silent' }));
    try {
      const app = await buildApp(ledger);
      await app.ready();
      const document = app.swagger() as Record<string, unknown>;
      await app.close();
      return document;
    } finally {
      await ledger.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** A token configuration that exercises every role, for the authenticated form of the document. */
export const DOCUMENT_TOKENS = {
  SIJILL_TOKENS:
    'reader-token-0123456789=reader:reader,analyst-token-0123456789=analyst:analyst,admin-token-0123456789=admin:admin',
};
