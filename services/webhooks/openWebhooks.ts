import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { isKurrentDbConnectionString } from '../eventstore/kurrentdb/connectionString.js';
import type { EventStore } from '../eventstore/port.js';
import { isPostgresConnectionString } from '../eventstore/postgres/connectionString.js';
import { WebhookDispatcher } from './dispatcher.js';
import { WebhookDb } from './webhookDb.js';

/** Where webhook registrations live: `SIJILL_WEBHOOKS_DB`, else `webhooks.db` beside a ledger file, else `./data/webhooks.db`. */
export const webhooksPathOf = (config: Config): string =>
  config.webhooks.db ??
  (isKurrentDbConnectionString(config.store) ? './data/webhooks.db' : join(dirname(config.store), 'webhooks.db'));

/**
 * Open the webhooks database and start delivering to every registered webhook: in PostgreSQL
 * beside the log when the store is PostgreSQL (replicas share the webhooks and take turns
 * delivering each: see `PostgresWebhookDb`), else the local file.
 */
export const openWebhooks = async (config: Config, store: EventStore, log: Logger): Promise<WebhookDispatcher> => {
  // The PostgreSQL client is loaded only when it is used: a start (issue 14) loads no adapter it does not need.
  const db = isPostgresConnectionString(config.store)
    ? await (await import('./postgresWebhookDb.js')).PostgresWebhookDb.open(config.store)
    : WebhookDb.open(webhooksPathOf(config));
  const { db: _path, ...options } = config.webhooks;
  const dispatcher = new WebhookDispatcher(store, db, log, options);
  dispatcher.start();
  return dispatcher;
};
