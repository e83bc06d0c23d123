import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';
import { translateDriverError } from './driverErrors.js';
import { lockExclusively } from './lock.js';
import { migrate } from './schema.js';

/** Options of {@link openLedgerFile}. */
export interface LedgerFileOptions {
  /** `PRAGMA synchronous`; see `SqliteEventStoreOptions.synchronous`. @defaultValue 'FULL' */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long to wait for another holder to let go of the file before refusing. @defaultValue 1000 */
  readonly lockTimeoutMs?: number;
  /**
   * Refuse a file that is not there, or that is empty (no schema yet), instead of making it a
   * ledger: a reader never creates one. @defaultValue false
   */
  readonly mustExist?: boolean;
}

/**
 * Open a ledger file as every sijill connection to it does: held exclusively (`lockExclusively`),
 * its schema brought up to date (`migrate`), every INTEGER read as a bigint. The store and the
 * rebuild's read-ahead reader (`openSqliteLogReader`) both open it through this.
 *
 * @param path - An absolute path.
 * @throws StoreUnavailableError when the file is missing or empty (with `mustExist`), held by another
 *   connection, not a sijill ledger, or of a newer schema; the driver's other errors translated
 *   (`translateDriverError`).
 */
export const openLedgerFile = (path: string, options: LedgerFileOptions = {}): Database.Database => {
  const synchronous = options.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
    throw new RangeError(`synchronous must be FULL or NORMAL, got ${synchronous}`);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: options.mustExist ?? false });
  } catch (error) {
    throw translateDriverError(error, path);
  }
  try {
    lockExclusively(db, path, options.lockTimeoutMs ?? 1000);
    if (options.mustExist && db.pragma('user_version', { simple: true }) === 0) {
      // As `migrate` says it of a file with tables of its own; one with none is no ledger either.
      throw new StoreUnavailableError(`${path} is an SQLite database but not a sijill ledger`);
    }
    db.pragma(`synchronous = ${synchronous}`);
    migrate(db, path);
    db.defaultSafeIntegers(true);
    return db;
  } catch (error) {
    db.close();
    throw translateDriverError(error, path);
  }
};
