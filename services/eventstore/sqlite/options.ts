/** Options for {@link openSqliteEventStore}. */
export interface SqliteEventStoreOptions {
  /** The ledger file. Its parent directory is created when missing. */
  readonly path: string;
  /**
   * `FULL` fsyncs the write-ahead log on every commit: an acknowledged append survives a
   * crash or a power loss. `NORMAL` fsyncs only at checkpoints: faster, survives a crash of
   * the process, but the last appends may be lost on a power loss.
   * @defaultValue 'FULL'
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * How long to wait for another process to release the ledger file before refusing.
   * @defaultValue 1000
   */
  readonly lockTimeoutMs?: number;
  /**
   * The server clock for `recordedAt`. Injected by tests; `recordedAt` never goes below the
   * previous event's, whatever this returns.
   * @defaultValue () => new Date()
   */
  readonly now?: () => Date;
}
