import type pg from 'pg';
import { checkAppend, checkAppendMulti } from '../appendChecks.js';
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
import { type Appended, appendToStreams } from './appendToStreams.js';
import { translateDriverError } from './driverErrors.js';
import { readLogQuery } from './logQueries.js';
import { LogWatcher, READABLE_QUERY, type Readable } from './logWatcher.js';
import { EVENT_COLUMNS, type EventRow, READABLE_BOUND, toRecordedEvent } from './rows.js';
import { PostgresSubscription } from './subscription.js';

/** The largest position (a signed 64-bit integer). */
const MAX_POSITION = 9_223_372_036_854_775_807n;

/** What the store reports about readers held back by open transactions (see {@link PostgresEventStore.readerLag}). */
export interface ReaderLag {
  /** Committed events that readers cannot read yet, because an older transaction is still open. */
  readonly events: number;
  /** How long the oldest of them has waited, in seconds (0 when none). */
  readonly seconds: number;
}

export interface PostgresStoreSettings {
  readonly pollIntervalMs: number;
  readonly visibilityWaitMs: number;
}

/**
 * The event store on PostgreSQL, shared by every replica that connects to the database.
 * Appends are one call of `sijill.append_events` (schema.ts): one round trip, one transaction.
 * Readers follow (transaction id, sequence) order below the snapshot's `xmin` (logQueries.ts),
 * so concurrent writers on several replicas can never make a reader skip an event. Open it
 * with `openPostgresEventStore`.
 */
export class PostgresEventStore implements EventStore {
  readonly #watcher: LogWatcher;
  readonly #subscriptions = new Set<PostgresSubscription>();
  readonly #pending = new Set<Promise<unknown>>();
  #closed = false;

  constructor(
    private readonly pool: pg.Pool,
    /** The database, without credentials, for messages. */
    readonly where: string,
    private readonly settings: PostgresStoreSettings,
  ) {
    this.#watcher = new LogWatcher(async () => {
      const [row] = await this.#query<{ bound: string; head: string }>(READABLE_QUERY, []);
      return { bound: BigInt(row!.bound), head: BigInt(row!.head) };
    }, settings.pollIntervalMs);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.#closed) throw new StoreClosedError();
    const expectedRevision = options?.expectedRevision ?? 'any';
    checkAppend(streamId, events, expectedRevision);
    return (await this.#append([{ streamId, events, expectedRevision }]))[0]!;
  }

  async appendMulti(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.#closed) throw new StoreClosedError();
    checkAppendMulti(appends);
    if (appends.length === 0) return [];
    return this.#append(appends);
  }

  /**
   * One call of the append function; then, when transactions older than this one were still
   * running, wait (up to `visibilityWaitMs`) until they end, so that the position answered is
   * already readable everywhere: a client that reads `after` it, or `minPosition` it, on any
   * replica, is neither refused nor misses an event that commits later below it.
   */
  #append(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const work = (async () => {
      let appended: Appended;
      const client = await this.#connect();
      try {
        appended = await appendToStreams(client, appends);
        client.release();
      } catch (error) {
        // A failure between the short global lock and its release would leave it held by this
        // session: never hand such a connection back to the pool.
        client.release(error instanceof Error ? error : true);
        throw translateDriverError(error, this.where);
      }
      this.#watcher.poke();
      // Blockers only come with written events, and the last stream's are the call's last.
      if (appended.blockers.length > 0) await this.#readable(appended.results.at(-1)!.position);
      return appended.results;
    })();
    this.#pending.add(work);
    void work.catch(() => undefined).finally(() => this.#pending.delete(work));
    return work;
  }

  async #readable(position: bigint): Promise<void> {
    const { promise, cancel } = this.#watcher.wait(({ bound }) => bound > position);
    const timer = setTimeout(cancel, this.settings.visibilityWaitMs);
    await promise;
    clearTimeout(timer);
  }

  async #connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw translateDriverError(error, this.where);
    }
  }

  async #query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    if (this.#closed) throw new StoreClosedError();
    // Tracked, so that close() ends the pool only once no query is on its way to it.
    const query = this.pool.query<R>(text, values);
    this.#pending.add(query);
    try {
      return (await query).rows;
    } catch (error) {
      throw translateDriverError(error, this.where);
    } finally {
      this.#pending.delete(query);
    }
  }

  /**
   * Stream reads are not held back by the readable bound: one stream's appends take its lock
   * in turn, so its committed events are always a prefix by revision.
   */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = checkedMaxCount(options.maxCount) ?? null;
    const backwards = options.direction === 'backwards';
    const from = (options.fromRevision ?? (backwards ? MAX_POSITION : 0n)).toString();
    const rows = await this.#query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM sijill.events WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [streamId, from, limit],
    );
    if (rows.length === 0 && (await this.streamRevision(streamId)) === 'no_stream') throw new StreamNotFoundError(streamId);
    return rows.map(toRecordedEvent);
  }

  async streamRevision(streamId: string): Promise<ActualRevision> {
    const [row] = await this.#query<{ revision: string }>(
      'SELECT revision FROM sijill.events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1',
      [streamId],
    );
    return row ? BigInt(row.revision) : 'no_stream';
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (this.#closed) throw new StoreClosedError();
    const query = readLogQuery(options.direction ?? 'forwards', options.after, checkedMaxCount(options.maxCount), options.filter);
    if (!query) return [];
    return (await this.#query<EventRow>(query.text, query.values)).map(toRecordedEvent);
  }

  async readEventAt(position: bigint): Promise<RecordedEvent | undefined> {
    if (this.#closed) throw new StoreClosedError();
    if (position <= 0n || position > MAX_POSITION) return undefined;
    const [row] = await this.#query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM sijill.events WHERE position = $1`, [
      position.toString(),
    ]);
    return row && toRecordedEvent(row);
  }

  /** The last readable position: a reader that starts after it misses nothing (see logQueries.ts). */
  async headPosition(): Promise<bigint> {
    const [row] = await this.#query<Readable & { head: string }>(READABLE_QUERY, []);
    return BigInt(row!.head);
  }

  /**
   * How far readers are held back: committed events above the readable bound, and how long
   * the oldest has waited. Exposed as a metric (`sijill_store_reader_lag_*`): a long-running
   * transaction anywhere in the cluster shows here first.
   */
  async readerLag(): Promise<ReaderLag> {
    const [row] = await this.#query<{ events: string; seconds: number | null }>(
      `SELECT count(*) AS events, extract(epoch FROM now() - min(recorded_at))::float8 AS seconds
         FROM sijill.events WHERE position >= ${READABLE_BOUND}`,
      [],
    );
    return { events: Number(row?.events ?? 0), seconds: Math.max(0, row?.seconds ?? 0) };
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    if (this.#closed) throw new StoreClosedError();
    const subscription = new PostgresSubscription(
      {
        readPage: (after, limit, filter) => this.readAll({ after, maxCount: limit, ...(filter ? { filter } : {}) }),
        watcher: this.#watcher,
        released: (released) => this.#subscriptions.delete(released),
      },
      options.after ?? 0n,
      options.filter,
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Appends and reads already submitted finish (appends are acknowledged); subscriptions end; the pool closes. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    // Appends waiting to become readable are answered now (they are durable), and no poll starts.
    this.#watcher.stop();
    // Every query on its way to the pool settles first: ending a pool under a query still
    // connecting can leave both hanging.
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await this.pool.end();
  }

  /** Resources held on behalf of subscribers; both drop to 0 once they are released. */
  get activity(): { subscriptions: number; waiting: number } {
    return { subscriptions: this.#subscriptions.size, waiting: this.#watcher.waiting };
  }
}
