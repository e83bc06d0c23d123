import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../services/config.js';
import { StoreClosedError, StoreUnavailableError } from '../../services/eventstore/errors.js';
import { KurrentDbEventStore, openKurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import { KurrentDbClientClass } from '../../services/eventstore/kurrentdb/kurrentClient.js';
import { openStore } from '../../services/ledger.js';

/**
 * The real client against a port nothing listens on: how the adapter behaves when KurrentDB
 * is down is checkable without a server.
 */
const NOBODY = 'kurrentdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=1';

describe('the KurrentDB store when the server cannot be reached', () => {
  it('fails to open with StoreUnavailableError', async () => {
    await expect(openKurrentDbEventStore({ connectionString: NOBODY })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('as configured (SIJILL_STORE_OPEN_TIMEOUT_MS), keeps trying to open with back-off, saying so, then gives up', async () => {
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
    const config = loadConfig({ SIJILL_STORE: NOBODY, SIJILL_STORE_OPEN_TIMEOUT_MS: '1000' });
    await expect(openStore(config, log)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(warnings.filter((w) => w.includes('not available yet')).length).toBeGreaterThanOrEqual(2);
  });

  it('fails reads and appends with StoreUnavailableError', async () => {
    const store = new KurrentDbEventStore(() => KurrentDbClientClass.connectionString(NOBODY), { connectionString: NOBODY });
    const event = {
      eventId: crypto.randomUUID(),
      type: 'T',
      schemaVersion: 1,
      data: {},
      metadata: { principal: 'p', correlationId: 'c', causationId: 'c' },
    };
    for (const operation of [
      store.append('thing-1', [event], { expectedRevision: 'no_stream' }),
      store.readAll({ maxCount: 1 }),
      store.readStream('thing-1'),
      store.headPosition(),
    ]) {
      await expect(operation).rejects.toBeInstanceOf(StoreUnavailableError);
    }
    await store.close();
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('keeps resubscribing a subscription through the real client, then gives up after maxAttempts', async () => {
    const attempts: number[] = [];
    const store = new KurrentDbEventStore(() => KurrentDbClientClass.connectionString(NOBODY), {
      connectionString: NOBODY,
      reconnect: { initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 3, onReconnect: ({ attempt }) => attempts.push(attempt) },
    });
    const subscription = store.subscribe({ after: 0n });
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(attempts).toEqual([1, 2, 3]);
    await store.close();
  });

  it('ends a subscription waiting to reconnect when the store closes', async () => {
    const store = new KurrentDbEventStore(() => KurrentDbClientClass.connectionString(NOBODY), {
      connectionString: NOBODY,
      reconnect: { initialDelayMs: 60_000 },
    });
    const pending = store.subscribe()[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await store.close();
    expect(await pending).toEqual({ done: true, value: undefined });
  });
});
