/**
 * Bypasses the adapter: opens the file with plain better-sqlite3 and tries to read, to
 * write and to switch journal mode, printing the SQLite result code of each attempt.
 */
import Database from 'better-sqlite3';

const attempt = (sql: string): string => {
  try {
    const db = new Database(process.argv[2]!, { timeout: 0 });
    try {
      db.exec(sql);
      return 'ok';
    } finally {
      db.close();
    }
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

const outcome = {
  read: attempt('SELECT count(*) FROM events'),
  write: attempt(
    "INSERT INTO events (stream_id, category, revision, event_id, type, schema_version, data, metadata, recorded_at) VALUES ('x-1', 'x', 0, 'intruder', 'T', 1, '{}', '{}', '2000-01-01T00:00:00.000Z')",
  ),
  journal: attempt('PRAGMA journal_mode = DELETE'),
};
process.stdout.write(`${JSON.stringify(outcome)}\n`);
