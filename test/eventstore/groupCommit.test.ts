import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../../services/eventstore/errors.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { tempDir } from '../support/ledger.js';
import { mountTinyFilesystem } from './tinyFilesystem.js';

const event = (n: number, padding = 0) => ({
  eventId: crypto.randomUUID(),
  type: 'Noted',
  schemaVersion: 1,
  data: padding > 0 ? { n, padding: 'x'.repeat(padding) } : { n },
  metadata: { principal: 't', correlationId: 'c', causationId: 'c' },
});

const numbersOf = async (store: EventStore) => (await store.readAll()).map((e) => (e.data as { n: number }).n);

/** Every outcome a rejection with StoreUnavailableError (an early acknowledgement shows up as 'fulfilled'). */
const expectAllUnavailable = (results: PromiseSettledResult<unknown>[]) => {
  expect(results.map((r) => r.status)).toEqual(results.map(() => 'rejected'));
  for (const result of results) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
};

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: EventStore;
beforeEach(async () => {
  dir = await tempDir();
  store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db') });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

describe('group commit', () => {
  it('appends submitted together succeed or fail one by one, never as a group', async () => {
    await store.append('s-0', [event(0)]);
    const results = await Promise.allSettled([
      store.append('s-1', [event(1)], { expectedRevision: 'no_stream' }),
      store.append('s-0', [event(2)], { expectedRevision: 5n }), // conflicts
      store.append('s-2', [event(3), event(4)], { expectedRevision: 'no_stream' }),
      store.append('s-1', [event(5)], { expectedRevision: 0n }), // sees the first one of this group
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readAll()).map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 3, 4, 5]);
  });

  it('writes what was submitted before close, and acknowledges it', async () => {
    const pending = Array.from({ length: 50 }, (_, i) => store.append(`s-${i % 5}`, [event(i)]));
    await store.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(50);
    store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db') });
    expect(await store.readAll()).toHaveLength(50);
  });

  it('recognises a retry submitted in the same group as its original', async () => {
    const original = event(7);
    const [first, retry] = await Promise.all([store.append('s', [original]), store.append('s', [original])]);
    expect(retry).toEqual(first);
    expect(await store.readAll()).toHaveLength(1);
  });
});

const tiny = await mountTinyFilesystem(4 * 1024 * 1024);
if ('unavailable' in tiny) console.warn(`[group commit on a full disk] SKIPPED: ${tiny.unavailable}`);
afterAll(async () => {
  if (!('unavailable' in tiny)) await tiny.unmount();
});

describe('group commit when the group cannot be made durable', () => {
  it.skipIf('unavailable' in tiny)(
    'a disk that fills up at the commit fails every write of the group as unavailable, and none of them is kept',
    async () => {
      if ('unavailable' in tiny) return;
      const path = join(tiny.dir, 'ledger.db');
      let full = await openSqliteEventStore({ path });
      try {
        // Given a ledger holding one event, on a disk filled to the last byte
        await full.append('s-0', [event(0)]);
        const head = await full.headPosition();
        await tiny.fill();
        // When three writes are submitted together (one group), large enough that the commit must grow the WAL
        const results = await Promise.allSettled([
          full.append('s-1', [event(1, 20_000)]),
          full.append('s-2', [event(2, 20_000)], { expectedRevision: 'no_stream' }),
          full.append('s-0', [event(3, 20_000)], { expectedRevision: 0n }),
        ]);
        // Then every caller hears the store is unavailable, and nothing of the group can be read back
        expectAllUnavailable(results);
        expect(await full.headPosition()).toBe(head);
        expect(await numbersOf(full)).toEqual([0]);
        // …not even from the file, once there is room again; and the ledger takes writes again
        await tiny.free();
        await full.close();
        full = await openSqliteEventStore({ path });
        expect(await numbersOf(full)).toEqual([0]);
        await full.append('s-0', [event(4)], { expectedRevision: 0n });
        expect(await numbersOf(full)).toEqual([0, 4]);
      } finally {
        await full.close();
        await tiny.free();
      }
    },
  );

  it('a write that overflows the file mid-group (SQLite then rolls the whole group back) fails every write of it, keeping none', async () => {
    // Given a ledger holding one event, whose file may grow by only a few pages (a real SQLITE_FULL)
    await store.append('s-0', [event(0)]);
    const head = await store.headPosition();
    // The connection is the store's own: the page limit is a per-connection setting.
    const db = (store as SqliteEventStore as unknown as { db: Database.Database }).db;
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages + 16}`);
    // When four writes are submitted together and the third cannot fit
    const results = await Promise.allSettled([
      store.append('s-1', [event(1)]),
      store.append('s-0', [event(2)], { expectedRevision: 0n }),
      store.append('s-3', [event(3, 200_000)]),
      store.append('s-4', [event(4)]),
    ]);
    // Then no caller is told its write was kept, each hears the store is unavailable, and none was kept
    expectAllUnavailable(results);
    expect(await store.headPosition()).toBe(head);
    expect(await numbersOf(store)).toEqual([0]);
    // Once the file may grow again, the same writes go through
    db.pragma('max_page_count = 1073741823');
    await store.append('s-0', [event(5)], { expectedRevision: 0n });
    expect(await numbersOf(store)).toEqual([0, 5]);
  });
});
