/** Options for {@link openPostgresEventStore}. */
export interface PostgresEventStoreOptions {
  /** libpq URI: `postgres://user:password@host:5432/database` (query parameters as `pg` reads them, e.g. `sslmode`). */
  readonly connectionString: string;
  /**
   * Connections this process keeps to the server; each append holds one for a single round
   * trip. @defaultValue 10
   */
  readonly poolSize?: number;
  /**
   * How often the store asks the server how far the log is readable, while a subscription or
   * an acknowledgement waits for it (see `logWatcher.ts`). Appends made through this store
   * wake its waiters at once; this interval bounds how late other replicas' events arrive.
   * @defaultValue 10
   */
  readonly pollIntervalMs?: number;
  /**
   * `idle_in_transaction_session_timeout` of sijill's own sessions: a session of ours left in
   * an open transaction (a bug, a stalled process) is ended after this long, so it cannot
   * hold every reader back (see the README, "Production with PostgreSQL"). @defaultValue 10000
   */
  readonly idleInTransactionTimeoutMs?: number;
  /**
   * How long an append waits, after its commit, for the transactions that started before it
   * to end, so that the position it answers is one every reader can already read. Past this
   * the append is acknowledged anyway (it is durable); readers still never skip it.
   * @defaultValue 5000
   */
  readonly visibilityWaitMs?: number;
  /**
   * How long to keep trying to reach the server when it refuses connections (a database
   * starting with its replicas). @defaultValue 0 (one attempt)
   */
  readonly openTimeoutMs?: number;
}
