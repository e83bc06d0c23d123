import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { buildApp } from '../../services/app.js';
import { loadConfig } from '../../services/config.js';
import type { EventStore, RecordedEvent } from '../../services/eventstore/port.js';
import { openLedger } from '../../services/ledger.js';
import { someEvents } from '../contract/fixture.js';
import { conformToOpenApi } from '../support/openApiConformance.js';

export const ADMIN = 'admin-token-0123456789';
export const READER = 'reader-token-0123456789';
export const TOKENS = `${ADMIN}=ops:admin,${READER}=omar:reader`;
export const asAdmin = { authorization: `Bearer ${ADMIN}` };

/** Retries in milliseconds, so a test sees many attempts quickly. */
export const FAST_RETRIES = {
  SIJILL_WEBHOOK_RETRY_BASE_MS: '5',
  SIJILL_WEBHOOK_RETRY_CAP_MS: '40',
  SIJILL_WEBHOOK_TIMEOUT_MS: '5000',
};

/**
 * Given: the ledger and app on the files in `dir` (created if missing), configured as in
 * production by environment variables. Opening the same `dir` again is a restart.
 */
export const openAppIn = async (dir: string, env: Record<string, string> = {}, logger?: Logger) => {
  const config = loadConfig({ SIJILL_STORE: join(dir, 'ledger.db'), SIJILL_TOKENS: TOKENS, ...FAST_RETRIES, ...env });
  const log = logger ?? pino({ level: 'silent' });
  const ledger = await openLedger(config, log);
  const app = await buildApp(ledger, { logger: log });
  const conformance = conformToOpenApi(app);
  await app.ready();
  return {
    app,
    ledger,
    store: ledger.store,
    /** Closes the app and the ledger; then throws if any response did not match the OpenAPI document. */
    async close() {
      await app.close();
      await ledger.close();
      conformance.assertConforms();
    },
  };
};

export type OpenApp = Awaited<ReturnType<typeof openAppIn>>;

/** When: an admin calls the webhook API. */
export const admin = (given: OpenApp, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  given.app.inject({ method, url, headers: asAdmin, ...(payload ? { payload } : {}) });

/** Given: a webhook registered through the API; its answer (with the secret). */
export const registered = async (given: OpenApp, body: Record<string, unknown>) => {
  const response = await admin(given, 'POST', '/v1/admin/webhooks', body);
  if (response.statusCode !== 201) throw new Error(`registration failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; secret: string; checkpoint: string; url: string };
};

/** When: `count` events are appended, one per append, spread over two streams of `category`. */
export const appendEvents = async (store: EventStore, count: number, category = 'thing'): Promise<RecordedEvent[]> => {
  const streams = [`${category}-${randomUUID()}`, `${category}-${randomUUID()}`];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const [event] = someEvents(1, { type: i % 2 === 0 ? 'ThingHappened' : 'ThingChanged' });
    await store.append(streams[i % 2]!, [event!]);
    ids.push(event!.eventId);
  }
  const recorded = await store.readAll({ filter: { categories: [category] } });
  return ids.map((id) => recorded.find((event) => event.eventId === id)!);
};

/** The webhook as `GET /v1/admin/webhooks/{id}` answers it. */
export const statusOf = async (given: OpenApp, id: string) => {
  const response = await admin(given, 'GET', `/v1/admin/webhooks/${id}`);
  if (response.statusCode !== 200) throw new Error(`status of ${id}: ${response.statusCode} ${response.body}`);
  return response.json();
};

/** Wait until the webhook's status satisfies `condition`; its last status. */
export const untilStatus = async (
  given: OpenApp,
  id: string,
  condition: (status: Awaited<ReturnType<typeof statusOf>>) => boolean,
  what: string,
  deadlineMs = 20_000,
) => {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const status = await statusOf(given, id);
    if (condition(status)) return status;
    if (Date.now() > deadline) throw new Error(`webhook ${id}: ${what} did not happen; status ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/**
 * Wait until the webhook's checkpoint reaches `position` (it moves just after the receiver's
 * answer arrives, so a receiver that has answered may be a moment ahead of it).
 */
export const untilCheckpoint = (given: OpenApp, id: string, position: bigint) =>
  untilStatus(given, id, (status) => BigInt(status.checkpoint) >= position, `checkpoint ${position}`);
