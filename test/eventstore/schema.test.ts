import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventStoreError, StoreUnavailableError } from '../../services/eventstore/errors.js';
import { translateDriverError } from '../../services/eventstore/sqlite/driverErrors.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { rejectionOf } from '../contract/fixture.js';
import { aTempLedger, events } from './tempLedger.js';

describe('the ledger file', () => {
  let ledger: Awaited<ReturnType<typeof aTempLedger>>;
  beforeEach(async () => {
    ledger = await aTempLedger();
  });
  afterEach(() => ledger.cleanup());

  it('is created with its parent directories, empty (head 0), positions from 1, in WAL mode at a known schema version', async () => {
    const path = join(ledger.dir, 'a', 'b', 'ledger.db');
    const store = await openSqliteEventStore({ path });
    expect(await store.headPosition()).toBe(0n);
    expect((await store.append('claim-1', events(2))).position).toBe(2n);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses an SQLite database that is not a ledger, or one from a newer sijill', async () => {
    const foreign = new Database(ledger.path);
    foreign.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    foreign.close();
    expect(await rejectionOf(openSqliteEventStore({ path: ledger.path }))).toMatchObject({
      name: 'StoreUnavailableError',
      message: expect.stringMatching(/not a sijill ledger/),
    });

    const newer = join(ledger.dir, 'newer.db');
    await (await openSqliteEventStore({ path: newer })).close();
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    expect(await rejectionOf(openSqliteEventStore({ path: newer }))).toMatchObject({
      name: 'StoreUnavailableError',
      message: expect.stringMatching(/schema version 99, newer/),
    });
  });

  it('refuses a file that is not SQLite with a port error, not a driver error', async () => {
    await writeFile(ledger.path, 'this is a text file, not a database '.repeat(200));
    const error = await rejectionOf(openSqliteEventStore({ path: ledger.path }));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/not a readable SQLite ledger/);
  });

  it('translates driver errors into port errors', () => {
    const translate = (code: string) => translateDriverError(new Database.SqliteError('boom', code), '/x.db');
    expect(translate('SQLITE_IOERR_FSYNC')).toBeInstanceOf(StoreUnavailableError);
    expect(translate('SQLITE_FULL')).toBeInstanceOf(StoreUnavailableError);
    expect(translate('SQLITE_CORRUPT')).toBeInstanceOf(StoreUnavailableError);
    const other = translate('SQLITE_MISMATCH');
    expect(other).toBeInstanceOf(EventStoreError);
    expect(other).not.toBeInstanceOf(Database.SqliteError);
  });
});
