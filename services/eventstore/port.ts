/**
 * The event store port. One interface, several adapters (embedded SQLite, KurrentDB, …),
 * one contract suite (`test/contract/`) that every adapter runs. Semantics mirror KurrentDB.
 *
 * Positions are store-specific ordered tokens: an SQLite sequence, a KurrentDB commit
 * position. They are carried as `bigint` inside the process and as decimal strings on the
 * wire (64-bit values do not fit a JSON number). Stream revisions start at 0.
 */

/** The expected state of a stream for an append. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** The actual state of a stream, as reported by a version conflict. */
export type ActualRevision = 'no_stream' | bigint;

/**
 * What the ledger records about how an event came to be. The ledger states these as fact, so
 * each field says who supplies it: the server (trustworthy) or the client (kept as given,
 * shape-checked, never trusted). Commands fill them from their `WriteContext`
 * (`services/commands/writeContext.ts`), which HTTP builds from the request.
 */
export interface EventMetadata {
  /** Server: who recorded the event — the authenticated principal. */
  readonly principal: string;
  /**
   * Client-supplied by design: ties together all events of one workflow (the request's
   * `X-Correlation-ID`, 1–200 visible ASCII characters); without one, the server's request id.
   */
  readonly correlationId: string;
  /**
   * Server: the id of the message that caused this one — for a write over HTTP, the UUID the
   * server gave the request (never the client's `X-Request-ID`, which a client could forge).
   */
  readonly causationId: string;
  /** Client-supplied: the request's `X-Request-ID` as sent (1–200 visible ASCII characters), for the client's own tracing. */
  readonly clientRequestId?: string;
  /** Any further metadata (client: idempotency key; server: request hash, …), kept verbatim. */
  readonly [key: string]: unknown;
}

export interface NewEvent {
  /** UUID. Re-appending an event id that is already in the stream adds nothing. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /**
   * Imports only: when the original ledger recorded the event, so knowledge time survives a
   * move between ledgers. The store keeps `recordedAt` non-decreasing along its log (a stamp
   * below the last one is raised to it — the import refuses such stamps beforehand, so this
   * is a safety net); all events of one append share the first event's stamp. Adapters whose
   * server sets the time itself keep this in metadata instead.
   */
  readonly recordedAt?: string;
}

export interface RecordedEvent {
  /** Global position in the log: strictly increasing along the log. */
  readonly position: bigint;
  readonly streamId: string;
  /** Revision within the stream, from 0. */
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Server clock when the event was recorded (ISO 8601, UTC); never decreases along the log. */
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** One stream's part of an `appendMulti` call. */
export interface StreamAppend {
  readonly streamId: string;
  /** At least one event. */
  readonly events: readonly NewEvent[];
  /** @defaultValue 'any' */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event in the stream after the append. */
  readonly nextExpectedRevision: bigint;
  /** The position of the last event appended (or, for a no-op idempotent retry, of the last event of the original append). */
  readonly position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** @defaultValue 'forwards' */
  readonly direction?: Direction;
  /** Inclusive. @defaultValue the start (forwards) or the end (backwards) */
  readonly fromRevision?: bigint;
  /** @defaultValue no limit */
  readonly maxCount?: number;
}

/**
 * Server-side filter for the global log. Both parts, when given, must match. A given but
 * empty list matches no event.
 */
export interface LogFilter {
  /** Stream categories (the part of the stream id before the first `-`; the whole id when it has none). */
  readonly categories?: readonly string[];
  /** Event types. */
  readonly types?: readonly string[];
}

export interface ReadAllOptions {
  /** @defaultValue 'forwards' */
  readonly direction?: Direction;
  /**
   * Exclusive: forwards reads return events strictly after this position, backwards reads
   * strictly before it. @defaultValue the start (forwards) or the end (backwards)
   */
  readonly after?: bigint;
  /** @defaultValue no limit */
  readonly maxCount?: number;
  readonly filter?: LogFilter;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position. @defaultValue from the start of the log */
  readonly after?: bigint;
  readonly filter?: LogFilter;
}

/**
 * A subscription to the global log: catch-up, then live, in position order, each event
 * exactly once, with no gaps even while other writers append concurrently. Iterate it with
 * `for await`; `close()` (or breaking out of the loop) releases it.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Append events atomically to one stream.
   * - Idempotent: if the events' ids are already the stream's events (a retried append),
   *   nothing is written and the original result is returned.
   * - Fails with `WrongExpectedRevisionError` (carrying the actual revision) when the stream
   *   is not in the expected state.
   * - Fails with `DuplicateEventIdError` when some event id is already in the log but the
   *   events are not that retry (only some ids present, another stream, other order), or
   *   when the same id appears twice in `events`. Event ids are checked before the expected
   *   revision, so a retry with its original expected revision succeeds.
   * - An empty `events` writes nothing: it still checks the expected revision, then returns
   *   the stream's current revision (`-1n` when there is no stream) and the position of its
   *   last event (`0n` when there is none).
   * - Resolves only once the events are durable.
   */
  append(streamId: string, events: readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;

  /**
   * Append to several streams in one transaction: all of it is written, or none of it.
   * - Resolves with one result per stream, in the order given, each as `append` would answer it.
   * - The events go to the log in the order given (the first stream's events, then the
   *   second's, …), contiguously: no other append lands between them, so a subscriber sees
   *   the whole call at once and in order, and a reader never sees part of it. A crash
   *   leaves all of it or none of it.
   * - Every expected revision is checked in the same transaction. When any stream is not in
   *   its expected state, nothing is written and the call fails with
   *   `WrongExpectedRevisionError` for such a stream (SQLite: the first in the order given;
   *   KurrentDB: the one its server reports).
   * - Idempotent: when every stream's events are already in the log, each as `append` would
   *   recognise a retry (the same ids, consecutive, in order, in that stream), nothing is
   *   written and the original results are returned. When only some of them are (a partial
   *   overlap), or an id is in the log elsewhere, the call fails with `DuplicateEventIdError`
   *   and writes nothing. Event ids are checked before the expected revisions, as in `append`.
   * - Refused before anything is looked at: the same stream twice (`RangeError`: put all its
   *   events in one entry), an entry with no events (`RangeError`: there is nothing to check
   *   it against atomically on every engine), the same event id twice in the call
   *   (`DuplicateEventIdError`). An empty list writes nothing and resolves with `[]`.
   * - All events of one call share one `recordedAt` (the first event's requested stamp, for
   *   imports).
   * - Engines that cannot append to several streams atomically refuse the whole call with
   *   `StoreUnavailableError` (never a partial write): KurrentDB before 25.1.
   * - Resolves only once the events are durable.
   */
  appendMulti(appends: readonly StreamAppend[]): Promise<AppendResult[]>;

  /** Read one stream. A missing stream fails with `StreamNotFoundError`. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** The stream's current revision, or `'no_stream'`. */
  streamRevision(streamId: string): Promise<ActualRevision>;

  /** Read the global log in position order (forwards or backwards), filtered. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * The event at exactly `position`, or undefined when no event of this log is there. Meant
   * for positions this store gave out (an event's or an append's, kept in a checkpoint):
   * the store finds it without scanning, and without the caller doing arithmetic on the
   * position, which is an opaque token (`position + 1` need not be a position at all). A
   * position from another ledger, `0n`, or beyond the head answers undefined.
   */
  readEventAt(position: bigint): Promise<RecordedEvent | undefined>;

  /** The position of the last event in the log, or `0n` when the log is empty (positions start above 0). */
  headPosition(): Promise<bigint>;

  /** Subscribe to the global log from a position: catch-up, then live. */
  subscribe(options?: SubscribeOptions): Subscription;

  /** Release the store. Pending appends finish first; subscriptions end. */
  close(): Promise<void>;
}

/**
 * What reading the log forwards needs of a store: a rebuild folds from it
 * (`rebuildReadModels`), and a follower resuming from a snapshot checks its position with
 * `readEventAt`. Every {@link EventStore} is one; so is a running sijill's REST log
 * (`http/serviceLogReader.ts`), which lets a rebuild run beside a service that holds its
 * SQLite file exclusively.
 */
export interface LogReader {
  /** Forwards, strictly after `after` (from the start without it), at most `maxCount` events. */
  readAll(options?: { readonly after?: bigint; readonly maxCount?: number }): Promise<RecordedEvent[]>;
  /** As {@link EventStore.readEventAt}. */
  readEventAt(position: bigint): Promise<RecordedEvent | undefined>;
  /** As {@link EventStore.headPosition}. */
  headPosition(): Promise<bigint>;
  /** Release what the reader holds. */
  close(): Promise<void>;
}
