import type { LedgerState } from '../projections/ledger.js';
import type { Config } from './config.js';
import type { EventStore } from './eventstore/port.js';
import type { WriteHealth } from './health/writeHealth.js';
import type { SseConnections } from './http/sse/connections.js';
import type { Metrics } from './metrics.js';
import type { ControlCache } from './readmodels/controlCache.js';
import type { ReadModelFollower } from './readmodels/follower.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';

/** What the HTTP layer needs, passed explicitly to every route plugin. */
export interface AppDeps {
  readonly config: Config;
  readonly store: EventStore;
  readonly follower: ReadModelFollower<LedgerState>;
  readonly controlCache: ControlCache;
  readonly webhooks: WebhookDispatcher;
  readonly sse: SseConnections;
  /** The server clock: checks that compare with "now" read it here, so tests can set it. */
  readonly now: () => Date;
  readonly metrics: Metrics;
  /** Whether the store takes writes (`/health/ready`). */
  readonly writeHealth: WriteHealth;
}
