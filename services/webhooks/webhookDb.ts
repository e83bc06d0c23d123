import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Webhook registrations and delivery state, in a local SQLite file beside the ledger. They
 * are operator configuration, not ledger events: the log is exported to integrators, and
 * signing secrets must never be in it. WAL and `synchronous=FULL`, so an advanced checkpoint
 * survives power loss; the file is readable by its owner only (it holds the secrets).
 *
 * Positions are stored as 20-digit zero-padded text: exact for any 64-bit position, and
 * ordered as text.
 */

export interface WebhookFilter {
  readonly categories?: readonly string[];
  readonly types?: readonly string[];
}

export interface WebhookRecord {
  readonly id: string;
  readonly url: string;
  readonly filter: WebhookFilter | null;
  readonly secret: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** Where a webhook stands: the checkpoint, and the failures of the event after it. */
export interface DeliveryState {
  /** The last event delivered or parked (exclusive start of what remains). */
  readonly checkpoint: bigint;
  /** The event being retried, when the last attempt failed. */
  readonly pendingPosition: bigint | null;
  /** Failed attempts at `pendingPosition`, kept across restarts so parking is not postponed by one. */
  readonly pendingAttempts: number;
  /** Failed attempts since the last success (across events). */
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly lastDeliveredAt: string | null;
}

export interface ParkedDelivery {
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly parkedAt: string;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE webhooks (
  id          TEXT PRIMARY KEY,
  url         TEXT NOT NULL,
  filter      TEXT,
  secret      TEXT NOT NULL,
  description TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
) STRICT;
CREATE TABLE checkpoints (
  webhook_id           TEXT PRIMARY KEY REFERENCES webhooks(id) ON DELETE CASCADE,
  position             TEXT NOT NULL,
  pending_position     TEXT,
  pending_attempts     INTEGER NOT NULL DEFAULT 0,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_error           TEXT,
  last_error_at        TEXT,
  next_attempt_at      TEXT,
  last_delivered_at    TEXT
) STRICT;
CREATE TABLE parked (
  webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  position   TEXT NOT NULL,
  event_id   TEXT NOT NULL,
  type       TEXT NOT NULL,
  attempts   INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  parked_at  TEXT NOT NULL,
  PRIMARY KEY (webhook_id, position)
) STRICT, WITHOUT ROWID;
`;

export class WebhookDbError extends Error {
  override readonly name = 'WebhookDbError';
}

const pad = (position: bigint): string => position.toString().padStart(20, '0');

/**
 * The rows both webhook stores keep (the SQLite file's tables and PostgreSQL's `sijill.webhook*`
 * tables have the same columns), and their reading into the dispatcher's types. Positions are
 * stored as decimal text (zero-padded in SQLite, so text order is number order): `BigInt` reads both.
 */
export interface WebhookRow {
  id: string;
  url: string;
  filter: string | null;
  secret: string;
  description: string | null;
  created_at: string;
  created_by: string;
}

export interface CheckpointRow {
  position: string;
  pending_position: string | null;
  pending_attempts: number;
  consecutive_failures: number;
  last_error: string | null;
  last_error_at: string | null;
  next_attempt_at: string | null;
  last_delivered_at: string | null;
}

export interface ParkedRow {
  position: string;
  event_id: string;
  type: string;
  attempts: number;
  last_error: string;
  parked_at: string;
}

export const toRecord = (row: WebhookRow): WebhookRecord => ({
  id: row.id,
  url: row.url,
  filter: row.filter === null ? null : (JSON.parse(row.filter) as WebhookFilter),
  secret: row.secret,
  description: row.description,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export const toState = (row: CheckpointRow): DeliveryState => ({
  checkpoint: BigInt(row.position),
  pendingPosition: row.pending_position === null ? null : BigInt(row.pending_position),
  pendingAttempts: row.pending_attempts,
  consecutiveFailures: row.consecutive_failures,
  lastError: row.last_error,
  lastErrorAt: row.last_error_at,
  nextAttemptAt: row.next_attempt_at,
  lastDeliveredAt: row.last_delivered_at,
});

export const toParked = (row: ParkedRow): ParkedDelivery => ({
  position: BigInt(row.position),
  eventId: row.event_id,
  type: row.type,
  attempts: row.attempts,
  lastError: row.last_error,
  parkedAt: row.parked_at,
});

export class WebhookDb {
  readonly #statements = new Map<string, Database.Statement>();

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  /** A prepared statement, compiled once. */
  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  /** Open (creating if needed) the file, held exclusively by this process until `close()`. */
  static open(file: string): WebhookDb {
    const path = resolve(file);
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      // Before WAL exists: SQLite gives the -wal file the database file's permissions.
      chmodSync(path, 0o600);
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      try {
        db.exec('BEGIN IMMEDIATE; COMMIT');
      } catch (error) {
        if (error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code)) {
          throw new WebhookDbError(
            `webhooks file ${path} is in use by another process: only one sijill process may deliver its webhooks`,
          );
        }
        throw error;
      }
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === 0) {
        db.transaction(() => {
          db.exec(SCHEMA);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      } else if (version !== SCHEMA_VERSION) {
        throw new WebhookDbError(`webhooks file ${path} has schema version ${version}; this sijill knows ${SCHEMA_VERSION}`);
      }
      return new WebhookDb(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  insert(webhook: WebhookRecord, checkpoint: bigint): void {
    this.db.transaction(() => {
      this.#sql(
        `INSERT INTO webhooks (id, url, filter, secret, description, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        webhook.id,
        webhook.url,
        webhook.filter === null ? null : JSON.stringify(webhook.filter),
        webhook.secret,
        webhook.description,
        webhook.createdAt,
        webhook.createdBy,
      );
      this.#sql('INSERT INTO checkpoints (webhook_id, position) VALUES (?, ?)').run(webhook.id, pad(checkpoint));
    })();
  }

  /** Remove a webhook with its checkpoint and parked deliveries; false when there was none. */
  delete(id: string): boolean {
    return this.#sql('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
  }

  all(): WebhookRecord[] {
    return (this.#sql('SELECT * FROM webhooks ORDER BY created_at, id').all() as WebhookRow[]).map(toRecord);
  }

  get(id: string): WebhookRecord | undefined {
    const row = this.#sql('SELECT * FROM webhooks WHERE id = ?').get(id) as WebhookRow | undefined;
    return row && toRecord(row);
  }

  state(id: string): DeliveryState | undefined {
    const row = this.#sql('SELECT * FROM checkpoints WHERE webhook_id = ?').get(id) as CheckpointRow | undefined;
    return row && toState(row);
  }

  /** The event at `position` was delivered: the checkpoint moves to it and the failures are cleared. */
  delivered(id: string, position: bigint, at: string): void {
    this.#sql(
      `UPDATE checkpoints SET position = ?, pending_position = NULL, pending_attempts = 0, consecutive_failures = 0,
           next_attempt_at = NULL, last_delivered_at = ? WHERE webhook_id = ?`,
    ).run(pad(position), at, id);
  }

  /** An attempt at `position` failed; another is due at `nextAttemptAt`. */
  failed(id: string, position: bigint, attempts: number, error: string, at: string, nextAttemptAt: string): void {
    this.#sql(
      `UPDATE checkpoints SET pending_position = ?, pending_attempts = ?, consecutive_failures = consecutive_failures + 1,
           last_error = ?, last_error_at = ?, next_attempt_at = ? WHERE webhook_id = ?`,
    ).run(pad(position), attempts, error, at, nextAttemptAt, id);
  }

  /** The last attempt at `delivery` failed: park it and move the checkpoint past it, in one transaction. */
  park(id: string, delivery: ParkedDelivery): void {
    this.db.transaction(() => {
      const moved = this.#sql(
        `UPDATE checkpoints SET position = ?, pending_position = NULL, pending_attempts = 0,
             consecutive_failures = consecutive_failures + 1, last_error = ?, last_error_at = ?, next_attempt_at = NULL
           WHERE webhook_id = ?`,
      ).run(pad(delivery.position), delivery.lastError, delivery.parkedAt, id);
      if (moved.changes === 0) return; // deleted meanwhile
      this.#sql(
        `INSERT INTO parked (webhook_id, position, event_id, type, attempts, last_error, parked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (webhook_id, position) DO UPDATE SET attempts = excluded.attempts,
             last_error = excluded.last_error, parked_at = excluded.parked_at`,
      ).run(
        id,
        pad(delivery.position),
        delivery.eventId,
        delivery.type,
        delivery.attempts,
        delivery.lastError,
        delivery.parkedAt,
      );
    })();
  }

  /** Parked deliveries in position order, strictly after `after`. */
  parked(id: string, after: bigint | undefined, limit: number): ParkedDelivery[] {
    return (
      this.#sql('SELECT * FROM parked WHERE webhook_id = ? AND position > ? ORDER BY position LIMIT ?').all(
        id,
        after === undefined ? '' : pad(after),
        limit,
      ) as ParkedRow[]
    ).map(toParked);
  }

  parkedAt(id: string, position: bigint): ParkedDelivery | undefined {
    const row = this.#sql('SELECT * FROM parked WHERE webhook_id = ? AND position = ?').get(id, pad(position)) as
      | ParkedRow
      | undefined;
    return row && toParked(row);
  }

  parkedCount(id: string): number {
    return (this.#sql('SELECT count(*) AS n FROM parked WHERE webhook_id = ?').get(id) as { n: number }).n;
  }

  unpark(id: string, position: bigint): void {
    this.#sql('DELETE FROM parked WHERE webhook_id = ? AND position = ?').run(id, pad(position));
  }

  /** A replay of a parked delivery failed too. */
  replayFailed(id: string, position: bigint, error: string): void {
    this.#sql('UPDATE parked SET attempts = attempts + 1, last_error = ? WHERE webhook_id = ? AND position = ?').run(
      error,
      id,
      pad(position),
    );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
