import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

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
    help: 'Time to save the read-model snapshot (serialise, write, fsync, rename), successful or not',
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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
