import type Database from 'better-sqlite3';
import { checkAppendMulti } from '../appendChecks.js';
import { StoreClosedError, StreamNotFoundError } from '../errors.js';
import { checkedMaxCount } from '../maxCount.js';
import type {
  ActualRevision,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../port.js';
import { appendToStream, appendToStreams } from './appendToStream.js';
import { CommitNotifier } from './commitNotifier.js';
import { translateDriverError } from './driverErrors.js';
import { GroupCommit } from './groupCommit.js';
import { LogQueries } from './logQueries.js';
import { RecentEvents } from './recentEvents.js';
import { RecordedAtClock } from './recordedAtClock.js';
import { MAX_ROWID, toRecordedEvent } from './rows.js';
import { prepareStatements, type Statements } from './statements.js';
import { SqliteSubscription } from './subscription.js';

/** How many recent events stay decoded in memory for live subscribers. */
const RECENT_EVENTS = 4_096;

/** SQLite's LIMIT for "no limit". */
const NO_LIMIT = -1;

const limitOf = (maxCount: number | undefined): number => checkedMaxCount(maxCount) ?? NO_LIMIT;

/**
 * The embedded event store: one SQLite file, held exclusively by this process. better-sqlite3
 * is synchronous, so each operation runs whole within one turn of the event loop. Appends
 * go through a group commit: those submitted in one turn share a transaction and an fsync.
 * Open it with `openSqliteEventStore`.
 */
export class SqliteEventStore implements EventStore {
  readonly #statements: Statements;
  readonly #log: LogQueries;
  readonly #clock: RecordedAtClock;
  readonly #notifier = new CommitNotifier();
  readonly #subscriptions = new Set<SqliteSubscription>();
  readonly #groupCommit: GroupCommit;
  readonly #recent: RecentEvents;
  #recentStale = false;
  #closed = false;

  constructor(
    private readonly db: Database.Database,
    /** The ledger file, for messages. */
    readonly path: string,
    now: () => Date,
  ) {
    this.#statements = prepareStatements(db);
    this.#log = new LogQueries(db);
    this.#clock = new RecordedAtClock(now, this.#statements.lastEvent.get()?.recorded_at);
    this.#recent = new RecentEvents(this.#statements.lastEvent.get()?.position ?? 0n, RECENT_EVENTS);
    this.#groupCommit = new GroupCommit(
      db,
      () => {
        // The first subscriber to wake reads what this commit wrote, once, for all of them.
        this.#recentStale = true;
        this.#notifier.notify();
      },
      (error) => translateDriverError(error, path),
    );
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.#closed) throw new StoreClosedError();
    const context = { db: this.db, statements: this.#statements, clock: this.#clock };
    return this.#groupCommit.submit(() => appendToStream(context, streamId, events, options?.expectedRevision ?? 'any'));
  }

  /** One `work` for the group commit, so the whole call is one savepoint: all of it commits, or none. */
  async appendMulti(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.#closed) throw new StoreClosedError();
    checkAppendMulti(appends);
    if (appends.length === 0) return [];
    const context = { db: this.db, statements: this.#statements, clock: this.#clock };
    return this.#groupCommit.submit(() => appendToStreams(context, appends));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.#run(() => {
      const limit = limitOf(options.maxCount);
      const rows =
        options.direction === 'backwards'
          ? this.#statements.readStreamBackwards.all(streamId, options.fromRevision ?? MAX_ROWID, limit)
          : this.#statements.readStreamForwards.all(streamId, options.fromRevision ?? 0n, limit);
      if (rows.length === 0 && this.#statements.streamHead.get(streamId) === undefined) throw new StreamNotFoundError(streamId);
      return rows.map(toRecordedEvent);
    });
  }

  async streamRevision(streamId: string): Promise<ActualRevision> {
    return this.#run(() => this.#statements.streamHead.get(streamId)?.revision ?? 'no_stream');
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.#run(() =>
      this.#log
        .read(options.direction ?? 'forwards', options.after, limitOf(options.maxCount), options.filter)
        .map(toRecordedEvent),
    );
  }

  async readEventAt(position: bigint): Promise<RecordedEvent | undefined> {
    return this.#run(() => {
      // Positions are SQLite rowids: anything outside 1..2^63-1 is none of this log's.
      if (position <= 0n || position > MAX_ROWID) return undefined;
      const row = this.#statements.eventAt.get(position);
      return row && toRecordedEvent(row);
    });
  }

  async headPosition(): Promise<bigint> {
    return this.#run(() => this.#statements.lastEvent.get()?.position ?? 0n);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    if (this.#closed) throw new StoreClosedError();
    const subscription = new SqliteSubscription(
      {
        readPage: (after, limit, filter) =>
          this.#run(() => {
            if (this.#recentStale) {
              const fresh = this.#log.read('forwards', this.#recent.last, RECENT_EVENTS + 1, undefined);
              // More than it holds (a bulk import): start it afresh at the head instead.
              if (fresh.length > RECENT_EVENTS) this.#recent.reset(this.#statements.lastEvent.get()?.position ?? 0n);
              else this.#recent.add(fresh.map(toRecordedEvent));
              this.#recentStale = false;
            }
            return (
              this.#recent.read(after, limit, filter) ?? this.#log.read('forwards', after, limit, filter).map(toRecordedEvent)
            );
          }),
        notifier: this.#notifier,
        released: (released) => this.#subscriptions.delete(released),
      },
      options.after ?? 0n,
      options.filter,
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Ends every subscription, then closes the file (checkpointing the WAL). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Appends already submitted are written (and acknowledged) before the file closes.
    this.#groupCommit.flush();
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  /** Resources held on behalf of subscribers; both drop to 0 once they are released. */
  get activity(): { subscriptions: number; waiting: number } {
    return { subscriptions: this.#subscriptions.size, waiting: this.#notifier.waiting };
  }

  #run<T>(operation: () => T): T {
    if (this.#closed) throw new StoreClosedError();
    try {
      return operation();
    } catch (error) {
      throw translateDriverError(error, this.path);
    }
  }
}
