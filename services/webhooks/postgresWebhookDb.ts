import pg from 'pg';
import { surviveLostSessions } from '../eventstore/postgres/lostSessions.js';
import { migrate } from '../eventstore/postgres/schema.js';
import {
  type CheckpointRow,
  type DeliveryState,
  type ParkedDelivery,
  type ParkedRow,
  toParked,
  toRecord,
  toState,
  type WebhookRecord,
  type WebhookRow,
} from './webhookDb.js';
import type { WebhookLeases, WebhookStore } from './webhookStore.js';

/** A checkpoint row as PostgreSQL keeps it: one table for every webhook. */
interface PgCheckpointRow extends CheckpointRow {
  webhook_id: string;
}

/** A parked delivery row as PostgreSQL keeps it. */
interface PgParkedRow extends ParkedRow {
  webhook_id: string;
}

/** Advisory lock class of webhook leases (1: streams, 2: stamps, 3: migrations — see schema.ts). */
const LEASE_CLASS = 4;

/**
 * Webhook registrations and delivery state in PostgreSQL, beside the log, when the store is
 * PostgreSQL: every replica sees every webhook, and one replica at a time owns each (a
 * session advisory lock on a connection of its own — released by the server the moment the
 * owner's connection ends, so when a replica dies another takes its webhooks over at its next
 * look, within `leaseIntervalMs`). The owner alone writes a webhook's checkpoint.
 *
 * The dispatcher's reads are synchronous: they answer from what this process holds — its own
 * webhooks as it wrote them, the others as of the last `refresh()`. Writes update that, then
 * resolve once committed.
 */
export class PostgresWebhookDb implements WebhookStore, WebhookLeases {
  readonly #records = new Map<string, WebhookRecord>();
  readonly #states = new Map<string, DeliveryState>();
  readonly #parked = new Map<string, ParkedDelivery[]>();
  readonly #owned = new Set<string>();
  #leaseClient: pg.Client | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    readonly intervalMs: number,
  ) {}

  get leases(): WebhookLeases {
    return this;
  }

  /** Connect, make sure the schema is there, and read every webhook. */
  static async open(connectionString: string, leaseIntervalMs = 1_000): Promise<PostgresWebhookDb> {
    const pool = surviveLostSessions(
      new pg.Pool({ connectionString, max: 3, application_name: 'sijill-webhooks', connectionTimeoutMillis: 5_000 }),
    );
    try {
      const client = await pool.connect();
      try {
        await migrate(client, 'webhooks');
      } finally {
        client.release();
      }
      const db = new PostgresWebhookDb(pool, connectionString, leaseIntervalMs);
      await db.refresh();
      return db;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  async refresh(): Promise<void> {
    const [webhooks, checkpoints, parked] = await Promise.all([
      this.pool.query<WebhookRow>('SELECT * FROM sijill.webhooks'),
      this.pool.query<PgCheckpointRow>('SELECT * FROM sijill.webhook_checkpoints'),
      this.pool.query<PgParkedRow>('SELECT * FROM sijill.webhook_parked ORDER BY webhook_id, position'),
    ]);
    const ids = new Set(webhooks.rows.map((row) => row.id));
    for (const id of this.#records.keys()) if (!ids.has(id)) this.#forget(id);
    for (const row of webhooks.rows) this.#records.set(row.id, toRecord(row));
    // What this replica owns, it wrote: it is as new as the database's, or newer (a write in flight).
    for (const row of checkpoints.rows) if (!this.#owned.has(row.webhook_id)) this.#states.set(row.webhook_id, toState(row));
    const parkedBy = new Map<string, PgParkedRow[]>();
    for (const row of parked.rows) parkedBy.set(row.webhook_id, [...(parkedBy.get(row.webhook_id) ?? []), row]);
    for (const id of ids) if (!this.#owned.has(id)) this.#parked.set(id, (parkedBy.get(id) ?? []).map(toParked));
  }

  async acquire(id: string): Promise<boolean> {
    const client = await this.#lease();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
      LEASE_CLASS,
      id,
    ]);
    if (!rows[0]?.ok) return false;
    // Owned from here on: read where the previous owner left it.
    const [state, parked] = await Promise.all([
      this.pool.query<PgCheckpointRow>('SELECT * FROM sijill.webhook_checkpoints WHERE webhook_id = $1', [id]),
      this.pool.query<PgParkedRow>('SELECT * FROM sijill.webhook_parked WHERE webhook_id = $1 ORDER BY position', [id]),
    ]);
    if (state.rows[0]) this.#states.set(id, toState(state.rows[0]));
    this.#parked.set(id, parked.rows.map(toParked));
    this.#owned.add(id);
    return true;
  }

  async release(id: string): Promise<void> {
    if (!this.#owned.delete(id)) return;
    await this.#leaseClient?.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LEASE_CLASS, id]).catch(() => undefined);
  }

  owns(id: string): boolean {
    return this.#owned.has(id);
  }

  /** The connection that holds the leases; when it ends, every lease is gone with it. */
  async #lease(): Promise<pg.Client> {
    if (this.#leaseClient) return this.#leaseClient;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'sijill-webhook-leases' });
    const lost = () => {
      if (this.#leaseClient !== client) return;
      this.#leaseClient = undefined;
      this.#owned.clear();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    this.#leaseClient = client;
    return client;
  }

  #forget(id: string): void {
    this.#records.delete(id);
    this.#states.delete(id);
    this.#parked.delete(id);
  }

  all(): WebhookRecord[] {
    return [...this.#records.values()].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
    );
  }

  get(id: string): WebhookRecord | undefined {
    return this.#records.get(id);
  }

  state(id: string): DeliveryState | undefined {
    return this.#states.get(id);
  }

  parked(id: string, after: bigint | undefined, limit: number): ParkedDelivery[] {
    return (this.#parked.get(id) ?? []).filter((p) => after === undefined || p.position > after).slice(0, limit);
  }

  parkedAt(id: string, position: bigint): ParkedDelivery | undefined {
    return this.#parked.get(id)?.find((p) => p.position === position);
  }

  parkedCount(id: string): number {
    return this.#parked.get(id)?.length ?? 0;
  }

  async insert(webhook: WebhookRecord, checkpoint: bigint): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO sijill.webhooks (id, url, filter, secret, description, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          webhook.id,
          webhook.url,
          webhook.filter === null ? null : JSON.stringify(webhook.filter),
          webhook.secret,
          webhook.description,
          webhook.createdAt,
          webhook.createdBy,
        ],
      );
      await client.query('INSERT INTO sijill.webhook_checkpoints (webhook_id, position) VALUES ($1, $2)', [
        webhook.id,
        checkpoint.toString(),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.#records.set(webhook.id, webhook);
    this.#states.set(webhook.id, {
      checkpoint,
      pendingPosition: null,
      pendingAttempts: 0,
      consecutiveFailures: 0,
      lastError: null,
      lastErrorAt: null,
      nextAttemptAt: null,
      lastDeliveredAt: null,
    });
    this.#parked.set(webhook.id, []);
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM sijill.webhooks WHERE id = $1', [id]);
    this.#forget(id);
    return (rowCount ?? 0) > 0;
  }

  async delivered(id: string, position: bigint, at: string): Promise<void> {
    const state = this.#states.get(id);
    if (state) {
      this.#states.set(id, {
        ...state,
        checkpoint: position,
        pendingPosition: null,
        pendingAttempts: 0,
        consecutiveFailures: 0,
        nextAttemptAt: null,
        lastDeliveredAt: at,
      });
    }
    await this.pool.query(
      `UPDATE sijill.webhook_checkpoints SET position = $1, pending_position = NULL, pending_attempts = 0,
         consecutive_failures = 0, next_attempt_at = NULL, last_delivered_at = $2 WHERE webhook_id = $3`,
      [position.toString(), at, id],
    );
  }

  async failed(id: string, position: bigint, attempts: number, error: string, at: string, nextAttemptAt: string): Promise<void> {
    const state = this.#states.get(id);
    if (state) {
      this.#states.set(id, {
        ...state,
        pendingPosition: position,
        pendingAttempts: attempts,
        consecutiveFailures: state.consecutiveFailures + 1,
        lastError: error,
        lastErrorAt: at,
        nextAttemptAt,
      });
    }
    await this.pool.query(
      `UPDATE sijill.webhook_checkpoints SET pending_position = $1, pending_attempts = $2,
         consecutive_failures = consecutive_failures + 1, last_error = $3, last_error_at = $4, next_attempt_at = $5
       WHERE webhook_id = $6`,
      [position.toString(), attempts, error, at, nextAttemptAt, id],
    );
  }

  async park(id: string, delivery: ParkedDelivery): Promise<void> {
    const state = this.#states.get(id);
    if (!state) return; // deleted meanwhile
    this.#states.set(id, {
      ...state,
      checkpoint: delivery.position,
      pendingPosition: null,
      pendingAttempts: 0,
      consecutiveFailures: state.consecutiveFailures + 1,
      lastError: delivery.lastError,
      lastErrorAt: delivery.parkedAt,
      nextAttemptAt: null,
    });
    const parked = (this.#parked.get(id) ?? []).filter((p) => p.position !== delivery.position);
    this.#parked.set(
      id,
      [...parked, delivery].sort((a, b) => (a.position < b.position ? -1 : 1)),
    );
    await this.pool.query(
      `WITH moved AS (
         UPDATE sijill.webhook_checkpoints SET position = $2, pending_position = NULL, pending_attempts = 0,
           consecutive_failures = consecutive_failures + 1, last_error = $6, last_error_at = $7, next_attempt_at = NULL
         WHERE webhook_id = $1 RETURNING webhook_id)
       INSERT INTO sijill.webhook_parked (webhook_id, position, event_id, type, attempts, last_error, parked_at)
         SELECT webhook_id, $2, $3, $4, $5, $6, $7 FROM moved
       ON CONFLICT (webhook_id, position) DO UPDATE SET attempts = excluded.attempts,
         last_error = excluded.last_error, parked_at = excluded.parked_at`,
      [
        id,
        delivery.position.toString(),
        delivery.eventId,
        delivery.type,
        delivery.attempts,
        delivery.lastError,
        delivery.parkedAt,
      ],
    );
  }

  async unpark(id: string, position: bigint): Promise<void> {
    this.#parked.set(
      id,
      (this.#parked.get(id) ?? []).filter((p) => p.position !== position),
    );
    await this.pool.query('DELETE FROM sijill.webhook_parked WHERE webhook_id = $1 AND position = $2', [id, position.toString()]);
  }

  async replayFailed(id: string, position: bigint, error: string): Promise<void> {
    this.#parked.set(
      id,
      (this.#parked.get(id) ?? []).map((p) =>
        p.position === position ? { ...p, attempts: p.attempts + 1, lastError: error } : p,
      ),
    );
    await this.pool.query(
      'UPDATE sijill.webhook_parked SET attempts = attempts + 1, last_error = $1 WHERE webhook_id = $2 AND position = $3',
      [error, id, position.toString()],
    );
  }

  /** Release every lease (other replicas take the webhooks over) and disconnect. */
  async close(): Promise<void> {
    this.#owned.clear();
    const client = this.#leaseClient;
    this.#leaseClient = undefined;
    await client?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
