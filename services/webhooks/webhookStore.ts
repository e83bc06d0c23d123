import type { DeliveryState, ParkedDelivery, WebhookRecord } from './webhookDb.js';

/**
 * Where webhook registrations and delivery state live, as the dispatcher and its workers use
 * them: the local SQLite file (`WebhookDb`, one process) or PostgreSQL (`PostgresWebhookDb`,
 * shared by replicas). Reads answer from what the process holds (the API's listing is
 * synchronous); writes resolve once durable.
 */
export interface WebhookStore {
  all(): WebhookRecord[];
  get(id: string): WebhookRecord | undefined;
  state(id: string): DeliveryState | undefined;
  parked(id: string, after: bigint | undefined, limit: number): ParkedDelivery[];
  parkedAt(id: string, position: bigint): ParkedDelivery | undefined;
  parkedCount(id: string): number;
  insert(webhook: WebhookRecord, checkpoint: bigint): void | Promise<void>;
  /** False when there was none. */
  delete(id: string): boolean | Promise<boolean>;
  delivered(id: string, position: bigint, at: string): void | Promise<void>;
  failed(id: string, position: bigint, attempts: number, error: string, at: string, nextAttemptAt: string): void | Promise<void>;
  park(id: string, delivery: ParkedDelivery): void | Promise<void>;
  unpark(id: string, position: bigint): void | Promise<void>;
  replayFailed(id: string, position: bigint, error: string): void | Promise<void>;
  /**
   * Present when several processes share the store: one replica at a time owns each webhook
   * and runs its worker. Absent: this process owns them all.
   */
  readonly leases?: WebhookLeases;
  close(): void | Promise<void>;
}

/** Ownership of webhooks among replicas (see `PostgresWebhookDb`). */
export interface WebhookLeases {
  /** Re-read registrations and states that other replicas changed. */
  refresh(): Promise<void>;
  /** Try to own `id`; true when this process now owns it (its state is then re-read from the database). */
  acquire(id: string): Promise<boolean>;
  release(id: string): Promise<void>;
  /** Whether this process still owns `id` (false once the lease was lost, e.g. with the connection). */
  owns(id: string): boolean;
  /** How often to look for webhooks nobody owns (a replica died): the take-over delay. */
  readonly intervalMs: number;
}
