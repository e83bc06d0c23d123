import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { translateDriverError } from './driverErrors.js';
import { openLedgerFile } from './ledgerFile.js';
import type { SqliteEventStoreOptions } from './options.js';
import { SqliteEventStore } from './store.js';

/**
 * Open (creating if needed) the ledger file and hold it exclusively until `close()`.
 * Fails with `StoreUnavailableError` when another process holds the file, or when the file
 * is not a sijill ledger or comes from a newer version.
 */
export const openSqliteEventStore = async (options: SqliteEventStoreOptions): Promise<SqliteEventStore> => {
  const path = resolve(options.path);
  if (options.synchronous !== undefined && options.synchronous !== 'FULL' && options.synchronous !== 'NORMAL')
    throw new RangeError(`synchronous must be FULL or NORMAL, got ${options.synchronous}`);
  await mkdir(dirname(path), { recursive: true });
  const db = openLedgerFile(path, {
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
    ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
  });
  try {
    return new SqliteEventStore(db, path, options.now ?? (() => new Date()));
  } catch (error) {
    // Its first reads (the head) fail on a damaged file: let go of the lock, say it as the port does.
    db.close();
    throw translateDriverError(error, path);
  }
};
