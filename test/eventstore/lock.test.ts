import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../services/eventstore/errors.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { rejectionOf } from '../contract/fixture.js';
import { kill, linesOf, runChild, startChild } from './childProcess.js';
import { aTempLedger, events } from './tempLedger.js';

/** Open a file with plain better-sqlite3 once nobody holds it, and check it is sound. */
const inspect = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      eventIds: (db.prepare('SELECT event_id FROM events ORDER BY position').all() as { event_id: string }[]).map(
        (r) => r.event_id,
      ),
    };
  } finally {
    db.close();
  }
};

describe('one process per ledger file', () => {
  let ledger: Awaited<ReturnType<typeof aTempLedger>>;
  let store: SqliteEventStore | undefined;
  beforeEach(async () => {
    ledger = await aTempLedger();
  });
  afterEach(async () => {
    await store?.close();
    await ledger.cleanup();
  });

  it('refuses a second handle in the same process with a clear message, and the first keeps working', async () => {
    store = await openSqliteEventStore({ path: ledger.path });
    await store.append('claim-1', events(2));
    const error = await rejectionOf(openSqliteEventStore({ path: ledger.path, lockTimeoutMs: 50 }));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/ledger file .*ledger\.db is in use by another process/);
    expect((await store.append('claim-1', events(1))).nextExpectedRevision).toBe(2n);
  });

  it('refuses a second process, through the adapter or plain SQLite, without damaging the file', async () => {
    store = await openSqliteEventStore({ path: ledger.path });
    const written = events(3);
    await store.append('claim-1', written);

    const viaAdapter = await runChild('tryOpen.ts', ledger.path);
    expect(viaAdapter.code).toBe(0);
    expect(JSON.parse(viaAdapter.lines[0]!)).toMatchObject({ opened: false, name: 'StoreUnavailableError' });
    expect(JSON.parse(viaAdapter.lines[0]!).message).toMatch(/is in use by another process/);

    const viaSqlite = await runChild('rawSqlite.ts', ledger.path);
    expect(JSON.parse(viaSqlite.lines[0]!)).toEqual({ read: 'SQLITE_BUSY', write: 'SQLITE_BUSY', journal: 'SQLITE_BUSY' });

    const more = events(1);
    await store.append('claim-1', more);
    await store.close();
    expect(inspect(ledger.path)).toEqual({ integrity: 'ok', eventIds: [...written, ...more].map((e) => e.eventId) });
  });

  it('is refused while another process holds the file, and opens once that process dies', async () => {
    const holder = startChild('holdLedger.ts', ledger.path);
    try {
      const [ready] = await linesOfUntil(holder, (line) => line.startsWith('ready '));
      const error = await rejectionOf(openSqliteEventStore({ path: ledger.path, lockTimeoutMs: 200 }));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/is in use by another process/);

      await kill(holder);
      store = await openSqliteEventStore({ path: ledger.path, lockTimeoutMs: 0 });
      expect(await store.headPosition()).toBe(BigInt(ready!.split(' ')[1]!));
      expect(await store.streamRevision('holder-1')).toBe(0n);
    } finally {
      await kill(holder);
    }
  });
});

/** The child's stdout lines up to and including the first that satisfies `done`. */
const linesOfUntil = async (child: ReturnType<typeof startChild>, done: (line: string) => boolean): Promise<string[]> => {
  const seen: string[] = [];
  for await (const line of linesOf(child)) {
    seen.push(line);
    if (done(line)) return [line];
  }
  throw new Error(`child ended before the expected line; it printed: ${seen.join(' | ')}`);
};
