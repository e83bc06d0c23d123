import Database from 'better-sqlite3';
import { EventStoreError, StoreUnavailableError } from '../errors.js';

/** SQLite result codes that mean the file cannot be used, rather than a bug in the adapter. */
const unavailable = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_PERM']);
const damaged = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

const baseCode = (code: string): string => code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');

/**
 * Translate a better-sqlite3 error into the port's errors, so callers never see the driver.
 * Port errors pass through unchanged.
 */
export const translateDriverError = (error: unknown, path: string): unknown => {
  if (error instanceof EventStoreError || !(error instanceof Database.SqliteError)) return error;
  const code = baseCode(error.code);
  if (unavailable.has(code) || code === 'SQLITE_IOERR') {
    return new StoreUnavailableError(`ledger file ${path} is unavailable (${error.code}): ${error.message}`, { cause: error });
  }
  if (damaged.has(code)) {
    return new StoreUnavailableError(`ledger file ${path} is not a readable SQLite ledger (${error.code})`, { cause: error });
  }
  return new EventStoreError(`ledger file ${path}: unexpected SQLite error (${error.code}): ${error.message}`, { cause: error });
};
