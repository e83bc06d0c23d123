import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';

/** Marks the file as a sijill ledger (`PRAGMA application_id`), so we never adopt a stranger's database. */
const APPLICATION_ID = 0x736a6c31; // 'sjl1'

/**
 * Migrations, in order; `PRAGMA user_version` records how many have run. Never edit one that
 * has shipped: append a new one.
 */
const migrations: readonly string[] = [
  `CREATE TABLE events (
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
   CREATE INDEX events_by_type ON events (type, position);`,
];

/** Bring the schema up to date, in one transaction. Refuses files it does not recognise. */
export const migrate = (db: Database.Database, path: string): void => {
  const version = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (version > migrations.length) {
    throw new StoreUnavailableError(
      `ledger file ${path} has schema version ${version}, newer than this sijill (${migrations.length})`,
    );
  }
  if (version === 0) {
    const tables = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
    if (tables.n > 0) throw new StoreUnavailableError(`${path} is an SQLite database but not a sijill ledger`);
  } else if (appId !== APPLICATION_ID) {
    throw new StoreUnavailableError(`${path} is an SQLite database but not a sijill ledger`);
  }
  if (version === migrations.length) return;
  db.transaction(() => {
    for (const sql of migrations.slice(version)) db.exec(sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
};
