import { Readable } from 'node:stream';
import kurrentdb from '@kurrent/kurrentdb-client';
import type {
  AllStreamResolvedEvent,
  AppendStreamState,
  EventData,
  Filter,
  KurrentDBClient,
  Position,
  ReadPosition,
  ResolvedEvent,
} from '../../services/eventstore/kurrentdb/kurrentClient.js';

type ReadRevision = 'start' | 'end' | bigint;

/** One stream's part of a `multiStreamAppend` call (the client's `AppendStreamRequest`). */
export type AppendStreamRequest = Parameters<KurrentDBClient['multiStreamAppend']>[0][number];

/** One call a client made, with the options it passed (to check, e.g., `requiresLeader`). */
export interface ClientCall {
  readonly method: 'appendToStream' | 'multiStreamAppend' | 'readStream' | 'readAll' | 'subscribeToAll';
  readonly target?: string;
  readonly options: Record<string, unknown>;
  /** What a `multiStreamAppend` sent, as given. */
  readonly requests?: readonly AppendStreamRequest[];
  /** Which client made it (0: the first built). */
  readonly client: number;
}

interface Stored {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position: bigint;
}

/** How far apart consecutive records are: positions are byte offsets, so `p + 1` is never a record boundary. */
const RECORD_SIZE = 137n;
const FIRST_POSITION = 1_000n;

const unavailable = (what: string) => new kurrentdb.UnavailableError(undefined, `scripted server: ${what}`);

/**
 * Properties the server adds beside the client's when it stores a multi-stream append's
 * record (its schema, from the v2 protocol): reads return them in the metadata, and they
 * are not the port's.
 */
const SERVER_PROPERTIES = { '$schema.format': 'Json' } as const;

/** Whether a stream at `current` (undefined: no stream) satisfies `expected`, with no idempotency check. */
const inExpectedState = (expected: AppendStreamState, current: bigint | undefined): boolean => {
  if (expected === kurrentdb.ANY) return true;
  if (expected === kurrentdb.NO_STREAM) return current === undefined;
  if (expected === kurrentdb.STREAM_EXISTS) return current !== undefined;
  return current === expected;
};

/**
 * A scripted stand-in for a KurrentDB server and its clients, for the adapter's own logic
 * (no server runs here). What it imitates, from the server's and client 1.3.1's behaviour:
 * - positions are byte offsets of records: a read from a position that is not a record
 *   boundary is refused (the server's invalid-read error, reaching the client as unknown);
 * - a forwards read from a position includes the event there, a backwards one excludes it;
 *   a subscription delivers the events after its position, and with a filter sends a
 *   checkpoint every `checkpointEvery` events it passed over (`checkpointReached`);
 * - appends: `streamState` checked atomically; with an exact revision the ids are compared
 *   only when it is below the current revision (a match answers idempotently), at the
 *   current revision they are simply written — as the server does;
 * - multi-stream appends (`multiStreamAppend`, KurrentDB 25.1): every stream's expected
 *   state is checked first (no idempotency by id: a retry is a conflict naming the first
 *   stream that fails its check), then all events are written in the order given, each at
 *   its own position, or none is; the client first refuses metadata that is not all string
 *   values, as client 1.3.1 does. Reads return the metadata as sent plus the properties the
 *   server adds. `multiStreamAppendSupported = false` is a server before 25.1 (the client
 *   refuses with `UnsupportedError`, sending nothing); `failNextMultiStreamAppend` makes the
 *   server answer the next one with an error;
 * - a client whose read bridge gave up (`breakReads`) fails every read as unavailable for
 *   good, while its appends go on working; `down` fails every call of every client.
 * Every call is recorded in `calls`.
 */
export class ScriptedKurrentDb {
  readonly streams = new Map<string, Stored[]>();
  readonly log: Stored[] = [];
  readonly calls: ClientCall[] = [];
  /** Every client built, in order. */
  readonly clients: ScriptedClient[] = [];
  /** While true, every call of every client fails as unavailable (no leader, a network cut). */
  down = false;
  /** A filtered subscription sends a checkpoint after this many events passed over. */
  checkpointEvery = 32;
  /** This many subscriptions, on reaching the end of the log, end the call (the server closing it) instead of going live. */
  endAtLive = 0;
  /** False: a server before KurrentDB 25.1, without the v2 append session `multiStreamAppend` needs. */
  multiStreamAppendSupported = true;
  readonly #multiStreamAppendFailures: unknown[] = [];
  readonly #subscribed = new Set<() => void>();
  #next = FIRST_POSITION;
  readonly #wakers = new Set<() => void>();

  /** A new client on this server (what `KurrentDBClient.connectionString` returns). */
  connect = (): KurrentDBClient => {
    const client = new ScriptedClient(this, this.clients.length);
    this.clients.push(client);
    return client as unknown as KurrentDBClient;
  };

  /** Resolves when the next `subscribeToAll` call is made. */
  nextSubscribe(): Promise<void> {
    return new Promise((resolve) => this.#subscribed.add(resolve));
  }

  /** @internal */
  subscribedNow(): void {
    for (const resolve of [...this.#subscribed]) resolve();
    this.#subscribed.clear();
  }

  callsOf(method: ClientCall['method']): ClientCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * The next `multiStreamAppend` that reaches the server is answered with `error` (a client
   * error, or a gRPC status such as `{ code: 12 }` UNIMPLEMENTED, which the client converts
   * as it does any) and writes nothing.
   */
  failNextMultiStreamAppend(error: unknown): void {
    this.#multiStreamAppendFailures.push(error);
  }

  /** Write events as the server would, checking `streamState`. */
  append(streamName: string, events: readonly EventData[], streamState: AppendStreamState) {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.at(-1)?.revision;
    const conflict = () =>
      new kurrentdb.WrongExpectedVersionError(undefined, {
        streamName,
        expected: streamState,
        current: current ?? 'no_stream',
      });
    const idsAt = (from: number) => events.every((event, i) => stream[from + i]?.id === event.id);
    const answer = (last: Stored) => ({
      success: true as const,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    });
    if (streamState === kurrentdb.NO_STREAM && current !== undefined) {
      if (idsAt(0)) return answer(stream[events.length - 1]!);
      throw conflict();
    }
    if (streamState === kurrentdb.STREAM_EXISTS && current === undefined) throw conflict();
    if (typeof streamState === 'bigint') {
      if (current === undefined || streamState > current) throw conflict();
      if (streamState < current) {
        const from = Number(streamState) + 1;
        if (from + events.length - 1 <= Number(current) && idsAt(from)) return answer(stream[from + events.length - 1]!);
        throw conflict();
      }
    }
    const last = this.#write(streamName, events, (metadata) => metadata);
    this.#wakeSubscribers();
    return answer(last);
  }

  /**
   * Write several streams in one transaction, as KurrentDB 25.1's multi-stream append: a
   * scripted failure, or any stream not in its expected state, fails the whole call before
   * anything is written. The answer is the client's `MultiAppendResult`: each stream's last
   * revision, and the position of the last record written.
   */
  appendMany(requests: readonly AppendStreamRequest[]) {
    const failure = this.#multiStreamAppendFailures.shift();
    if (failure !== undefined) throw failure;
    for (const { streamName, expectedState } of requests) {
      const current = this.streams.get(streamName)?.at(-1)?.revision;
      if (!inExpectedState(expectedState, current)) {
        throw new kurrentdb.WrongExpectedVersionError(undefined, {
          streamName,
          expected: expectedState,
          current: current ?? 'no_stream',
        });
      }
    }
    const responses = requests.map(({ streamName, events }) => ({
      streamName,
      revision: this.#write(streamName, events, (metadata) => ({ ...(metadata as object), ...SERVER_PROPERTIES })).revision,
    }));
    this.#wakeSubscribers();
    return { position: this.log.at(-1)!.position, responses };
  }

  /** Append `events` to the end of a stream and of the log, one record each; answers the last. */
  #write(streamName: string, events: readonly EventData[], storedMetadata: (metadata: unknown) => unknown): Stored {
    const stream = this.streams.get(streamName) ?? [];
    let revision = (stream.at(-1)?.revision ?? -1n) + 1n;
    for (const event of events) {
      const stored: Stored = {
        streamId: streamName,
        revision,
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: storedMetadata(event.metadata),
        created: new Date(),
        position: this.#next,
      };
      this.#next += RECORD_SIZE;
      revision += 1n;
      stream.push(stored);
      this.log.push(stored);
    }
    this.streams.set(streamName, stream);
    return stream.at(-1)!;
  }

  #wakeSubscribers(): void {
    for (const wake of [...this.#wakers]) wake();
  }

  /** The index in `log` of the record at `position`, or a refusal when no record starts there. */
  indexAt(position: Position): number {
    const index = this.log.findIndex((stored) => stored.position === position.commit);
    if (index === -1 || position.prepare !== position.commit) {
      throw new kurrentdb.UnknownError(undefined, `scripted server: invalid position ${position.commit}/${position.prepare}`);
    }
    return index;
  }

  /** Resolves at the next append (for live subscriptions). */
  nextAppend(): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.#wakers.add(wake);
    return {
      promise: promise.then(() => {
        this.#wakers.delete(wake);
      }),
      cancel: () => {
        this.#wakers.delete(wake);
        wake();
      },
    };
  }
}

const resolvedOf = (stored: Stored): ResolvedEvent & AllStreamResolvedEvent => ({
  event: {
    streamId: stored.streamId,
    id: stored.id,
    revision: stored.revision,
    type: stored.type,
    data: stored.data as Record<string, unknown>,
    metadata: stored.metadata as Record<string, unknown>,
    isJson: true,
    created: stored.created,
    position: { commit: stored.position, prepare: stored.position },
  },
  commitPosition: stored.position,
});

const matchesFilter = (filter: Filter | undefined, stored: Stored): boolean => {
  if (!filter) return true;
  const subject = filter.filterOn === kurrentdb.STREAM_NAME ? stored.streamId : stored.type;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
};

/** One client: the subset of `KurrentDBClient` the adapter calls. */
export class ScriptedClient {
  /** The read bridge gave up (client 1.3.1 after a failed reconnect): every read fails, appends still work. */
  readsBroken = false;
  disposed = false;

  constructor(
    private readonly server: ScriptedKurrentDb,
    readonly index: number,
  ) {}

  breakReads(): void {
    this.readsBroken = true;
  }

  #record(
    method: ClientCall['method'],
    target: string | undefined,
    options: object,
    read: boolean,
    requests?: readonly AppendStreamRequest[],
  ): void {
    this.server.calls.push({ method, target, options: { ...options }, requests, client: this.index });
    if (this.disposed) throw new kurrentdb.CancelledError(undefined, 'scripted client: disposed');
    if (this.server.down) throw unavailable('down');
    if (read && this.readsBroken) throw unavailable('the read bridge has given up');
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}) {
    this.#record('appendToStream', streamName, options, false);
    return this.server.append(streamName, Array.isArray(events) ? events : [events], options.streamState ?? kurrentdb.ANY);
  }

  /**
   * As client 1.3.1: refused as unsupported (nothing sent) on a server before 25.1, then
   * metadata that is not a plain object of string values is refused, then the server
   * answers; its errors reach the caller converted as the client converts them.
   */
  async multiStreamAppend(requests: AppendStreamRequest[]) {
    this.#record('multiStreamAppend', undefined, {}, false, requests);
    if (!this.server.multiStreamAppendSupported) throw new kurrentdb.UnsupportedError('multiStreamAppend', '25.1');
    for (const { events } of requests) {
      for (const { metadata } of events) {
        if (metadata == null) continue;
        if (
          metadata instanceof Uint8Array ||
          typeof metadata !== 'object' ||
          Array.isArray(metadata) ||
          Object.values(metadata).some((value) => typeof value !== 'string')
        )
          throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
      }
    }
    try {
      return this.server.appendMany(requests);
    } catch (error) {
      throw kurrentdb.convertToCommandError(error as Error);
    }
  }

  readStream(
    streamName: string,
    options: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint; requiresLeader?: boolean } = {},
  ): AsyncIterable<ResolvedEvent> {
    const server = this.server;
    const record = () => this.#record('readStream', streamName, options, true);
    return (async function* () {
      record();
      const stream = server.streams.get(streamName);
      if (!stream) throw new kurrentdb.StreamNotFoundError(undefined, streamName);
      const backwards = options.direction === kurrentdb.BACKWARDS;
      const from = options.fromRevision ?? (backwards ? kurrentdb.END : kurrentdb.START);
      let selected = backwards ? [...stream].reverse() : stream;
      if (typeof from === 'bigint') selected = selected.filter((s) => (backwards ? s.revision <= from : s.revision >= from));
      else if ((from === kurrentdb.END) !== backwards) selected = [];
      for (const stored of selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER))) yield resolvedOf(stored);
    })();
  }

  readAll(
    options: {
      fromPosition?: ReadPosition;
      direction?: string;
      maxCount?: number | bigint;
      filter?: Filter;
      requiresLeader?: boolean;
    } = {},
  ): AsyncIterable<AllStreamResolvedEvent> {
    const server = this.server;
    const record = () => this.#record('readAll', undefined, options, true);
    return (async function* () {
      record();
      const backwards = options.direction === kurrentdb.BACKWARDS;
      const from = options.fromPosition ?? (backwards ? kurrentdb.END : kurrentdb.START);
      const log = server.log;
      let candidates: Stored[];
      if (from === kurrentdb.START) candidates = backwards ? [] : log;
      else if (from === kurrentdb.END) candidates = backwards ? [...log].reverse() : [];
      else {
        const index = server.indexAt(from);
        candidates = backwards ? log.slice(0, index).reverse() : log.slice(index);
      }
      let left = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      for (const stored of candidates) {
        if (left <= 0) return;
        if (!matchesFilter(options.filter, stored)) continue;
        left -= 1;
        yield resolvedOf(stored);
      }
    })();
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}, readable: { highWaterMark?: number } = {}) {
    const server = this.server;
    this.#record('subscribeToAll', undefined, options, false);
    const filter = options.filter;
    let index = 0;
    if (options.fromPosition && options.fromPosition !== kurrentdb.START) {
      index = options.fromPosition === kurrentdb.END ? server.log.length : server.indexAt(options.fromPosition) + 1;
    }
    let passedOver = 0;
    let waiting: { cancel: () => void } | undefined;
    const subscription = new Readable({
      objectMode: true,
      highWaterMark: readable.highWaterMark ?? 16,
      read() {
        void (async () => {
          for (;;) {
            if (subscription.destroyed) return;
            if (server.down) {
              subscription.emit('error', unavailable('down'));
              return;
            }
            const stored = server.log[index];
            if (!stored && server.endAtLive > 0) {
              server.endAtLive -= 1;
              subscription.push(null);
              return;
            }
            if (!stored) {
              const next = server.nextAppend();
              waiting = next;
              await next.promise;
              continue;
            }
            index += 1;
            if (matchesFilter(filter, stored)) {
              passedOver = 0;
              subscription.push(resolvedOf(stored));
              return;
            }
            passedOver += 1;
            if (filter?.checkpointReached && passedOver >= server.checkpointEvery) {
              passedOver = 0;
              await filter.checkpointReached(subscription as never, { commit: stored.position, prepare: stored.position });
              return;
            }
          }
        })();
      },
      destroy(error, callback) {
        waiting?.cancel();
        callback(error);
      },
    });
    server.subscribedNow();
    return Object.assign(subscription, {
      unsubscribe: async () => {
        waiting?.cancel();
      },
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
