import type { ReconnectOptions } from './resumingSubscription.js';

export interface KurrentDbEventStoreOptions {
  /**
   * A KurrentDB connection string, e.g. `kurrentdb://localhost:2113?tls=false`, or for a
   * cluster `kurrentdb://node1:2113,node2:2113,node3:2113?tls=false` (the client follows the
   * leader). The legacy `esdb://` scheme works too.
   */
  readonly connectionString: string;
  /** How subscriptions resubscribe after a transient failure. */
  readonly reconnect?: ReconnectOptions;
  /**
   * Events the client stream of a subscription may hold before the server is held back.
   * @defaultValue 256
   */
  readonly subscriptionBuffer?: number;
}
