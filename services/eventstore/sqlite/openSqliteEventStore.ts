import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { translateDriverError } from './driverErrors.js';
import { lockExclusively } from './lock.js';
import type { SqliteEventStoreOptions } from './options.js';
import { migrate } from './schema.js';
import { SqliteEventStore } from './store.js';

/**
 * Open (creating if needed) the ledger file and hold it exclusively until `close()`.
 * Fails with `StoreUnavailableError` when another process holds the file, or when the file
 * is not a sijill ledger or comes from a newer version.
 */
export const openSqliteEventStore = async (options: SqliteEventStoreOptions): Promise<SqliteEventStore> => {
  const synchronous = options.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
    throw new RangeError(`synchronous must be FULL or NORMAL, got ${synchronous}`);
  const path = resolve(options.path);
  await mkdir(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw translateDriverError(error, path);
  }
  try {
    lockExclusively(db, path, options.lockTimeoutMs ?? 1000);
    db.pragma(`synchronous = ${synchronous}`);
    migrate(db, path);
    db.defaultSafeIntegers(true);
    return new SqliteEventStore(db, path, options.now ?? (() => new Date()));
  } catch (error) {
    db.close();
    throw translateDriverError(error, path);
  }
};
