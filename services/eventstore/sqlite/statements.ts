import type Database from 'better-sqlite3';
import { EVENT_COLUMNS, type EventRow } from './rows.js';

/** The last event of a stream: its revision and position. */
export interface StreamHead {
  readonly revision: bigint;
  readonly position: bigint;
}

/** Where an event id already sits in the log. */
export interface EventPlace {
  readonly stream_id: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/** The fixed statements, prepared once per store; the connection reads integers as bigints. */
export const prepareStatements = (db: Database.Database) => ({
  streamHead: db.prepare<[string], StreamHead>(
    'SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
  ),
  insert: db.prepare<[string, string, bigint, string, string, number, string, string, string]>(
    `INSERT INTO events (stream_id, category, revision, event_id, type, schema_version, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  eventPlace: db.prepare<[string], EventPlace>('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
  readStreamForwards: db.prepare<[string, bigint, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
  ),
  readStreamBackwards: db.prepare<[string, bigint, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
  ),
  eventAt: db.prepare<[bigint], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position = ?`),
  lastEvent: db.prepare<[], { position: bigint; recorded_at: string }>(
    'SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1',
  ),
});

export type Statements = ReturnType<typeof prepareStatements>;
