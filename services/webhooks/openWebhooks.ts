import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { isKurrentDbConnectionString } from '../eventstore/kurrentdb/index.js';
import type { EventStore } from '../eventstore/port.js';
import { WebhookDispatcher } from './dispatcher.js';
import { WebhookDb } from './webhookDb.js';

/** Where webhook registrations live: `SIJILL_WEBHOOKS_DB`, else `webhooks.db` beside a ledger file, else `./data/webhooks.db`. */
export const webhooksPathOf = (config: Config): string =>
  config.webhooks.db ??
  (isKurrentDbConnectionString(config.store) ? './data/webhooks.db' : join(dirname(config.store), 'webhooks.db'));

/** Open the webhooks database and start delivering to every registered webhook. */
export const openWebhooks = (config: Config, store: EventStore, log: Logger): WebhookDispatcher => {
  const db = WebhookDb.open(webhooksPathOf(config));
  const { db: _path, ...options } = config.webhooks;
  const dispatcher = new WebhookDispatcher(store, db, log, options);
  dispatcher.start();
  return dispatcher;
};
