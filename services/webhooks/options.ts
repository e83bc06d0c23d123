import type { Allowlist } from './allowlist.js';

/** How deliveries are made; from configuration (`SIJILL_WEBHOOK_*`). */
export interface WebhookOptions {
  /** Where deliveries may go. @defaultValue loopback only */
  readonly allowlist: Allowlist;
  /** One attempt's deadline, connection to answer. @defaultValue 10_000 ms */
  readonly timeoutMs: number;
  /** Backoff base: retry n waits up to base · 2^(n−1). @defaultValue 1_000 ms */
  readonly retryBaseMs: number;
  /** Backoff cap. @defaultValue 300_000 ms */
  readonly retryCapMs: number;
  /** Failed attempts after which a delivery is parked. @defaultValue 10 */
  readonly maxAttempts: number;
}
