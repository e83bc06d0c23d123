import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { LedgerState } from '../projections/ledger.js';
import type { EventStore } from './eventstore/port.js';
import type { ReadModelFollower } from './readmodels/follower.js';
import type { WebhookStatus } from './webhooks/dispatcher.js';

/**
 * What the gauges read when Prometheus scrapes (prom-client's `collect`), bound once the
 * ledger is open (`Metrics.observe`): values are read when asked, never kept up to date.
 */
export interface MetricSources {
  readonly store: EventStore;
  readonly follower: ReadModelFollower<LedgerState>;
  /** Open Server-Sent Events connections. */
  readonly sseConnections: () => number;
  readonly webhooks: () => readonly WebhookStatus[];
  readonly now: () => Date;
  /**
   * PostgreSQL only: committed events readers cannot read yet because an older transaction is
   * still open, and how long the oldest has waited (see `PostgresEventStore.readerLag`).
   */
  readonly readerLag?: () => Promise<{ readonly events: number; readonly seconds: number }>;
}

/** Webhook backlogs are counted by reading the log after the checkpoint, up to this many events. */
export const BACKLOG_COUNT_CAP = 1_000;

/**
 * The service's Prometheus metrics (served at `GET /metrics`), on a registry of their own —
 * never prom-client's global one, so two apps in one process (tests) do not collide — with
 * the default process metrics (CPU, memory, event loop lag, GC) registered on it.
 *
 * Created once per ledger (`openLedger`) and passed to what records: the follower records
 * snapshot saves, the write watch records store write failures, `/health/ready` records
 * readiness. To add a metric: a field here created with `registers: [this.registry]`, and
 * the code that records it receives the `Metrics` (or the field) as an argument.
 * Names follow the Prometheus conventions: `sijill_` prefix, base units, `_total` counters.
 */
export class Metrics {
  readonly registry = new Registry();

  /** How long each read-model snapshot save took, successful or not. */
  readonly snapshotSaveDuration = new Histogram({
    name: 'sijill_snapshot_save_duration_seconds',
    help: 'Time to save the read-model snapshot (cut the state, write it a frame at a time between requests, fsync, rename), successful or not',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly snapshotSaveFailures = new Counter({
    name: 'sijill_snapshot_save_failures_total',
    help: 'Read-model snapshot saves that failed (disk full, I/O error…); the follower goes on and retries later',
    registers: [this.registry],
  });

  /** Unix time of the last successful save; 0 until one succeeds in this process. */
  readonly snapshotLastSuccess = new Gauge({
    name: 'sijill_snapshot_last_success_timestamp_seconds',
    help: 'Unix time of the last successful read-model snapshot save (0: none yet in this process)',
    registers: [this.registry],
  });

  readonly storeWriteFailures = new Counter({
    name: 'sijill_store_write_failures_total',
    help: 'Appends that failed because the event store could not be written (disk full, I/O error, unreachable)',
    registers: [this.registry],
  });

  /** 1 when `/health/ready` last answered 200; set by each readiness check and at each scrape. */
  readonly ready = new Gauge({
    name: 'sijill_ready',
    help: '1 when the service is ready (ledger readable and writable, read models following), else 0',
    registers: [this.registry],
  });

  /** Every HTTP request, by route pattern (not URL: bounded label values), method and status. */
  readonly httpRequestDuration = new Histogram({
    name: 'sijill_http_request_duration_seconds',
    help: 'HTTP request durations, from receipt to the last byte of the response, by route pattern, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Each append to the event store (single or multi-stream), until durable or failed. */
  readonly appendDuration = new Histogram({
    name: 'sijill_append_duration_seconds',
    help: 'Event store appends (one stream or an atomic multi-stream batch), until durable or failed, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });

  #sources: MetricSources | undefined;

  readonly headPosition = new Gauge({
    name: 'sijill_ledger_head_position',
    help: 'The position of the last event in the log (store-specific: an SQLite sequence, a KurrentDB commit position)',
    registers: [this.registry],
    collect: async () => {
      const sources = this.#sources;
      if (sources) this.headPosition.set(Number(await sources.store.headPosition()));
    },
  });

  readonly readModelLagEvents = new Gauge({
    name: 'sijill_readmodel_lag_events',
    help: 'Events in the log the read models have not applied yet (counted up to 1000)',
    registers: [this.registry],
    collect: async () => {
      const sources = this.#sources;
      if (!sources) return;
      const pending = await sources.store.readAll({ after: sources.follower.position, maxCount: BACKLOG_COUNT_CAP });
      this.readModelLagEvents.set(pending.length);
    },
  });

  readonly readModelLagSeconds = new Gauge({
    name: 'sijill_readmodel_lag_seconds',
    help: 'Age of the oldest event the read models have not applied yet (0 when caught up)',
    registers: [this.registry],
    collect: async () => {
      const sources = this.#sources;
      if (!sources) return;
      const [oldest] = await sources.store.readAll({ after: sources.follower.position, maxCount: 1 });
      const seconds = oldest ? (sources.now().getTime() - Date.parse(oldest.recordedAt)) / 1000 : 0;
      this.readModelLagSeconds.set(Math.max(0, seconds));
    },
  });

  readonly storeReaderLagEvents = new Gauge({
    name: 'sijill_store_reader_lag_events',
    help: 'PostgreSQL: committed events no reader can read yet, held back by an older open transaction (0 on other stores)',
    registers: [this.registry],
    collect: async () => {
      const lag = await this.#sources?.readerLag?.();
      this.storeReaderLagEvents.set(lag?.events ?? 0);
    },
  });

  readonly storeReaderLagSeconds = new Gauge({
    name: 'sijill_store_reader_lag_seconds',
    help: 'PostgreSQL: how long the oldest committed event no reader can read yet has waited (0 on other stores)',
    registers: [this.registry],
    collect: async () => {
      const lag = await this.#sources?.readerLag?.();
      this.storeReaderLagSeconds.set(lag?.seconds ?? 0);
    },
  });

  readonly sseConnections = new Gauge({
    name: 'sijill_sse_connections',
    help: 'Open Server-Sent Events connections (GET /v1/subscribe)',
    registers: [this.registry],
    collect: () => {
      if (this.#sources) this.sseConnections.set(this.#sources.sseConnections());
    },
  });

  readonly webhookBacklog = new Gauge({
    name: 'sijill_webhook_backlog_events',
    help: "Events matching a webhook's filter after its checkpoint, not yet delivered or parked (counted up to 1000)",
    labelNames: ['webhook'] as const,
    registers: [this.registry],
    collect: async () => {
      const sources = this.#sources;
      if (!sources) return;
      this.webhookBacklog.reset();
      for (const { webhook, delivery } of sources.webhooks()) {
        const pending = await sources.store.readAll({
          after: delivery.checkpoint,
          maxCount: BACKLOG_COUNT_CAP,
          ...(webhook.filter ? { filter: webhook.filter } : {}),
        });
        this.webhookBacklog.set({ webhook: webhook.id }, pending.length);
      }
    },
  });

  readonly webhookParked = new Gauge({
    name: 'sijill_webhook_parked_deliveries',
    help: 'Deliveries a webhook gave up on after its attempts, waiting for a replay',
    labelNames: ['webhook'] as const,
    registers: [this.registry],
    collect: () => {
      if (!this.#sources) return;
      this.webhookParked.reset();
      for (const { webhook, delivery } of this.#sources.webhooks())
        this.webhookParked.set({ webhook: webhook.id }, delivery.parked);
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Bind the gauges that are read at scrape time to the open ledger. */
  observe(sources: MetricSources): void {
    this.#sources = sources;
  }
}
