import Database from 'better-sqlite3';
import type { NewEvent } from '../../services/eventstore/port.js';

/**
 * The baseline of the append figures: what a minimal hand-written adapter does with
 * better-sqlite3 — the same pragmas as the SQLite event store (exclusive lock, WAL, the
 * given `synchronous`), the same table and indexes, and per append one `BEGIN IMMEDIATE`
 * transaction that serialises and inserts the rows. No stream-head lookup, no checks, no
 * promise: the floor the port is measured against.
 */
const TABLE = `CREATE TABLE events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id      TEXT    NOT NULL,
  category       TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  event_id       TEXT    NOT NULL UNIQUE,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
) STRICT;
CREATE INDEX events_by_category ON events (category, position);
CREATE INDEX events_by_type ON events (type, position);`;

export const openRawSqlite = (path: string, synchronous: 'FULL' | 'NORMAL') => {
  const db = new Database(path);
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(TABLE);
  const insert = db.prepare(
    `INSERT INTO events (stream_id, category, revision, event_id, type, schema_version, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const append = db.transaction((streamId: string, category: string, firstRevision: number, events: readonly NewEvent[]) => {
    const recordedAt = new Date().toISOString();
    let revision = firstRevision;
    for (const e of events) {
      insert.run(
        streamId,
        category,
        revision++,
        e.eventId,
        e.type,
        e.schemaVersion,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
        recordedAt,
      );
    }
  });
  return {
    /** One transaction appending `events` at `firstRevision` onwards. */
    append: (streamId: string, firstRevision: number, events: readonly NewEvent[]) =>
      append.immediate(streamId, streamId.slice(0, streamId.indexOf('-')), firstRevision, events),
    synchronous: () => db.pragma('synchronous', { simple: true }) as number,
    close: () => db.close(),
  };
};
