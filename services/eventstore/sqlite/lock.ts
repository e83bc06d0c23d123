import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';

/**
 * Hold the ledger file exclusively for the life of the connection, so a second process (or
 * a second handle in this one) is refused instead of writing behind our back: our live
 * notifications and the monotonic `recordedAt` both rely on being the single writer.
 *
 * With `locking_mode=EXCLUSIVE` SQLite never releases its file locks and keeps the WAL
 * index in private memory (no `-shm` file to share); the first write transaction takes the
 * lock. The OS drops it when the process dies, so a crash leaves no stale lock behind.
 *
 * Must run before anything else reads the file. Never open the ledger file with `node:fs`
 * in this process: closing that descriptor would drop SQLite's POSIX locks.
 */
export const lockExclusively = (db: Database.Database, path: string, timeoutMs: number): void => {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(timeoutMs))}`);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (error) {
    if (error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code)) {
      throw new StoreUnavailableError(
        `ledger file ${path} is in use by another process (pid unknown; try \`lsof ${path}\`): ` +
          'only one sijill process may open a ledger file at a time',
        { cause: error },
      );
    }
    throw error;
  }
  // Only we touch the file from now on; waiting on a lock would only hide a bug.
  db.pragma('busy_timeout = 0');
};
