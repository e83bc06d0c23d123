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
import { type AppendContext, appendToStream } from './appendToStream.js';
import { appendToStreams } from './appendToStreams.js';
import { openClientSubscription } from './clientSubscription.js';
import { toRecordedEvent } from './eventMapping.js';
import { BACKWARDS, END, FORWARDS, type KurrentDBClient, START } from './kurrentClient.js';
import { compileLogFilter } from './logFilter.js';
import { LEADER, LogReader } from './logReader.js';
import type { KurrentDbEventStoreOptions } from './options.js';
import { RebuildingClient } from './rebuildingClient.js';
import { ResumingSubscription } from './resumingSubscription.js';
import { translateClientError } from './translateClientError.js';

/**
 * The event store on KurrentDB (see `openKurrentDbEventStore`). Streams are KurrentDB
 * streams, positions are `$all` commit positions, and the semantics the port promises are
 * kept as described in each file of this folder: `revisions.ts`, `positions.ts`,
 * `logFilter.ts`, `eventMapping.ts`, `translateClientError.ts`, `appendToStream.ts`,
 * `logReader.ts`, `resumingSubscription.ts`, `rebuildingClient.ts`. Every read requires the
 * leader (`LEADER` in `logReader.ts`).
 */
export class KurrentDbEventStore implements EventStore {
  readonly #reader: LogReader;
  readonly #subscriptions = new Set<ResumingSubscription>();
  readonly #pending = new Set<Promise<unknown>>();
  readonly #append: AppendContext;
  readonly #client: RebuildingClient;
  #closed = false;

  /** `connect` builds a client; it is called again when the client has to be replaced. */
  constructor(
    connect: () => KurrentDBClient,
    private readonly options: KurrentDbEventStoreOptions,
  ) {
    const client = new RebuildingClient(connect, options.rebuild);
    this.#client = client;
    this.#reader = new LogReader(() => client.current);
    this.#append = {
      get client() {
        return client.current;
      },
      lastEventOf: (streamId) => this.#lastEventOf(streamId),
      lastEventsOf: async (streamId, count) =>
        (
          await this.#readStream(streamId, { direction: 'backwards', maxCount: count }).catch((error: unknown) => {
            if (error instanceof StreamNotFoundError) return [];
            throw error;
          })
        ).reverse(),
      eventAt: async (streamId, revision) => (await this.#readStream(streamId, { fromRevision: revision, maxCount: 1 }))[0],
      eventsOf: (streamId) =>
        this.#readStream(streamId, {}).catch((error: unknown) => {
          if (error instanceof StreamNotFoundError) return [];
          throw error;
        }),
      lastRecordedAt: async () => (await this.#reader.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.recordedAt,
    };
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.#run(() => appendToStream(this.#append, streamId, events, options?.expectedRevision ?? 'any'));
  }

  appendMulti(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.#run(async () => {
      checkAppendMulti(appends);
      return appends.length === 0 ? [] : appendToStreams(this.#append, appends);
    });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.#run(async () => {
      if (checkedMaxCount(options.maxCount) === 0) {
        await this.#readStream(streamId, { maxCount: 1 }); // fails with StreamNotFoundError as the port says
        return [];
      }
      return this.#readStream(streamId, options);
    });
  }

  streamRevision(streamId: string): Promise<ActualRevision> {
    return this.#run(async () => (await this.#lastEventOf(streamId))?.revision ?? 'no_stream');
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.#run(() => this.#reader.readAll(options));
  }

  readEventAt(position: bigint): Promise<RecordedEvent | undefined> {
    return this.#run(() => this.#reader.readEventAt(position));
  }

  headPosition(): Promise<bigint> {
    return this.#run(() => this.#reader.headPosition());
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    if (this.#closed) throw new StoreClosedError();
    const filter = compileLogFilter(options.filter);
    const highWaterMark = this.options.subscriptionBuffer ?? 256;
    const subscription = new ResumingSubscription(
      {
        open: (from) => openClientSubscription(this.#client.current, from, filter.server, highWaterMark),
        startFor: (after) => this.#reader.startFor(after),
      },
      options.after ?? 0n,
      filter.matches,
      this.options.reconnect,
      (released) => this.#subscriptions.delete(released),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Waits for operations under way, ends every subscription, then releases the client. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    await Promise.allSettled([...this.#pending]);
    await this.#client.dispose();
  }

  async #readStream(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.#client.current.readStream(streamId, {
        ...LEADER,
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      })) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      throw translateClientError(error, { streamId });
    }
    return events;
  }

  async #lastEventOf(streamId: string): Promise<RecordedEvent | undefined> {
    try {
      return (await this.#readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0];
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  /** Every port operation: refused once closed, awaited by `close()`, and counted towards replacing the client. */
  #run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    const pending = this.#client.use(operation);
    this.#pending.add(pending);
    const forget = () => this.#pending.delete(pending);
    pending.then(forget, forget);
    return pending;
  }
}
