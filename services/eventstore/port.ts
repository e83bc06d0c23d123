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

export interface EventMetadata {
  /** Who recorded the event (the authenticated principal). */
  readonly principal: string;
  /** Ties together all events caused by one request or workflow. */
  readonly correlationId: string;
  /** The id of the message (request or event) that caused this one. */
  readonly causationId: string;
  /** Any further metadata (idempotency key, request hash, …), kept verbatim. */
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
