import type Database from 'better-sqlite3';

interface Pending<T> {
  readonly work: () => T;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: appends requested in the same turn of the event loop (concurrent HTTP
 * requests, say) are written in one transaction and made durable by one fsync, each inside
 * its own savepoint so one failing append (a revision conflict) leaves the others intact.
 * Every promise settles only after the commit, so an acknowledged append is a durable one;
 * when the group's transaction fails (at its commit, or rolled back by SQLite on a full
 * disk), every append of the group fails with the translated error and none is kept.
 */
/** In lone mode, every this-many appends waits a turn anyway, to notice concurrent writers. */
const PROBE_EVERY = 16;
/** In group mode, this many lone commits in a row mean the writers have gone. */
const LONE_TO_LEAVE = 8;

export class GroupCommit {
  #pending: Pending<unknown>[] = [];
  #scheduled = false;
  /**
   * Waiting a turn of the event loop (setImmediate) lets other requests' appends join, but a
   * lone writer pays for the wait on every append. So: commit at the end of the current task
   * (a microtask) until a probe finds company, then group until writes come alone again.
   */
  #grouping = false;
  #lone = 0;
  #submitted = 0;

  constructor(
    private readonly db: Database.Database,
    /** Called after each commit that wrote something (wakes live subscriptions). */
    private readonly committed: () => void,
    /** Translates a driver error into the port's errors. */
    private readonly translate: (error: unknown) => unknown,
  ) {}

  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ work, resolve, reject } as Pending<unknown>);
      if (!this.#scheduled) {
        this.#scheduled = true;
        if (this.#grouping || ++this.#submitted % PROBE_EVERY === 0) setImmediate(() => this.flush());
        else queueMicrotask(() => this.flush());
      }
    });
  }

  /** Write everything pending now (also called by `close()` so nothing submitted is dropped). */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    if (batch.length > 1) {
      this.#grouping = true;
      this.#lone = 0;
    } else if (this.#grouping && ++this.#lone >= LONE_TO_LEAVE) {
      this.#grouping = false;
    }
    if (batch.length === 1) {
      // Alone: its own transaction is the commit; no group around it, no savepoint.
      const { work, resolve, reject } = batch[0]!;
      let value: unknown;
      try {
        value = work();
      } catch (error) {
        reject(this.translate(error));
        return;
      }
      this.committed();
      resolve(value);
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const { work } of batch) {
            try {
              // `work` runs its own db.transaction, which nests here as a savepoint.
              outcomes.push({ ok: true, value: work() });
            } catch (error) {
              // SQLite may answer SQLITE_FULL, SQLITE_IOERR or SQLITE_NOMEM inside a savepoint
              // by rolling back the whole transaction: the group's earlier writes are gone, and
              // a later one would run as a transaction of its own and commit alone.
              if (!this.db.inTransaction) throw new GroupRolledBack(error);
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      // The group's transaction failed (at its COMMIT, or rolled back by SQLite): nothing in
      // the group is durable, so no caller may be told otherwise.
      const translated = this.translate(error instanceof GroupRolledBack ? error.cause : error);
      for (const { reject } of batch) reject(translated);
      return;
    }
    if (outcomes.some((o) => o.ok)) this.committed();
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(this.translate(outcome.error));
    });
  }
}

/** SQLite rolled the group's transaction back while one of its writes ran; `cause` is that write's error. */
class GroupRolledBack extends Error {
  constructor(cause: unknown) {
    super('the group transaction was rolled back', { cause });
  }
}
