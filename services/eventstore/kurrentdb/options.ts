import type { ClientRebuildOptions } from './rebuildingClient.js';
import type { ReconnectOptions } from './resumingSubscription.js';

export interface KurrentDbEventStoreOptions {
  /**
   * A KurrentDB connection string, e.g. `kurrentdb://localhost:2113?tls=false`, or for a
   * cluster `kurrentdb://node1:2113,node2:2113,node3:2113?tls=false` (the client follows the
   * leader). The legacy `esdb://` scheme works too.
   */
  readonly connectionString: string;
  /**
   * Opening keeps trying while the store is unavailable (no leader yet, a node still
   * starting), up to `timeoutMs`, waiting `initialDelayMs` doubling up to `maxDelayMs`
   * between attempts. @defaultValue no retry: an unavailable store fails the open at once
   */
  readonly openRetry?: {
    readonly timeoutMs: number;
    /** @defaultValue 250 */
    readonly initialDelayMs?: number;
    /** @defaultValue 5000 */
    readonly maxDelayMs?: number;
    /** Told about each failed attempt before the wait: for logs. */
    readonly onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void;
  };
  /** When the client is replaced by a fresh one (see `RebuildingClient`). */
  readonly rebuild?: ClientRebuildOptions;
  /** How subscriptions resubscribe after a transient failure. */
  readonly reconnect?: ReconnectOptions;
  /**
   * Events the client stream of a subscription may hold before the server is held back.
   * @defaultValue 256
   */
  readonly subscriptionBuffer?: number;
}
