import { afterAll, beforeAll, describe, vi } from 'vitest';
import { openKurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { kurrentDbForSuite } from '../kurrentdb/kurrentDbServer.js';
import { eventStoreContract } from './eventStoreContract.js';

/**
 * The same contract suite as SQLite, against a real KurrentDB: SIJILL_TEST_KURRENTDB, or a
 * container when a container runtime is there. Without either it is skipped, saying why.
 */
const target = await kurrentDbForSuite('KurrentDB contract');
// Every call crosses the network here; the 4-writer case makes 4,000 appends.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe.skipIf(!target.available)(`KurrentDB (${target.available ? target.where : `skipped: ${target.reason}`})`, () => {
  let server: { connectionString: string; stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    if (target.available) server = await target.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  eventStoreContract('the KurrentDB store', async () => {
    if (!server) throw new Error('no KurrentDB server');
    const { connectionString } = server;
    const opened: EventStore[] = [await openKurrentDbEventStore({ connectionString })];
    return {
      store: opened[0]!,
      reopen: async () => {
        const store = await openKurrentDbEventStore({ connectionString });
        opened.push(store);
        return store;
      },
      // KurrentDB deduplicates event ids within a stream only (README, "What differs").
      capabilities: { eventIdsUniqueAcrossStreams: false },
      // Every case writes to fresh streams and categories: nothing to remove from a shared server.
      cleanup: async () => {
        for (const store of opened) await store.close();
      },
    };
  });
});
