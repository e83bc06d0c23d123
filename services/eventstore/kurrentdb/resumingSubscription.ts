import { StoreUnavailableError } from '../errors.js';
import type { RecordedEvent, Subscription } from '../port.js';
import { toRecordedEvent } from './eventMapping.js';
import type { AllStreamResolvedEvent, Position, ReadPosition } from './kurrentClient.js';
import type { Filterable } from './logFilter.js';
import { toReadPosition } from './positions.js';
import { isTransient, translateClientError } from './translateClientError.js';

/**
 * The server's word, between events, that it has read the log up to `checkpoint` (a
 * filtered subscription sends one every so many events it passed over). A subscription
 * opened at that position delivers what comes after it — the server's own resume point.
 */
export interface CheckpointReached {
  readonly checkpoint: Position;
}

/** What a client subscription yields, in log order: events, and checkpoints between them. */
export type SubscriptionItem = AllStreamResolvedEvent | CheckpointReached;

const isCheckpoint = (item: SubscriptionItem): item is CheckpointReached => 'checkpoint' in item;

/** One server-side subscription to `$all`, as the resuming subscription uses it. */
export interface ClientSubscription {
  [Symbol.asyncIterator](): AsyncIterator<SubscriptionItem>;
  /** Cancel the call and release it. Never throws. */
  close(): Promise<void>;
}

/** Where client subscriptions come from. */
export interface SubscriptionSource {
  /** Subscribe to `$all` from a position: the server delivers the events *after* it (`START`: all). */
  open(from: ReadPosition): ClientSubscription;
  /** The position to open at first, for a port position the server may not accept as it is. */
  startFor(after: bigint): Promise<ReadPosition>;
}

export interface ReconnectOptions {
  /** Wait before the first resubscription. @defaultValue 100 */
  readonly initialDelayMs?: number;
  /** The wait doubles per consecutive failure up to this. @defaultValue 5000 */
  readonly maxDelayMs?: number;
  /** Give up (the iteration throws `StoreUnavailableError`) after this many consecutive failures. @defaultValue Infinity */
  readonly maxAttempts?: number;
  /** Told about each transient failure before the wait: for logs. */
  readonly onReconnect?: (info: { error: unknown; attempt: number; delayMs: number; resumeAfter: bigint | undefined }) => void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const CLOSED = Symbol('closed');

const positionOf = (resolved: AllStreamResolvedEvent): bigint | undefined =>
  resolved.event?.position?.commit ?? resolved.commitPosition;

/**
 * The port's subscription over KurrentDB's `subscribeToAll`, surviving transient disconnects.
 *
 * - Resume point: the position of the last event received from the server — delivered, or
 *   skipped by the filter — or of the last checkpoint the server sent after it, whichever
 *   is later. A filtered subscription receives only matches, so without checkpoints a
 *   narrow filter would rescan everything since the last match after each reconnect. A
 *   dropped call (node restart, leader change, network) is replaced by a new one from there,
 *   at the exact `{ commit, prepare }` the server gave; the server delivers what comes
 *   *after* a subscription's position, so nothing is repeated and nothing is skipped.
 * - Guard: an event at or below the last delivered position (or the caller's `after`) is
 *   never delivered, whatever a server sends — so a server that included the event at the
 *   resume position (as reads do) would not cause a repeat either.
 * - Start: `source.startFor(after)`, which copes with positions that are not record
 *   boundaries; events up to `after` are dropped by the guard.
 * - Back-pressure: events are pulled one at a time as the consumer asks; the client stream
 *   holds a bounded buffer (its high-water mark) and gRPC flow control holds the server back.
 *   Nothing here buffers.
 * - Failures: transient ones (see `isTransient`, or the server ending the call) are retried
 *   with exponential back-off; anything else ends the iteration with the translated error.
 */
export class ResumingSubscription implements Subscription, AsyncIterator<RecordedEvent, undefined> {
  #floor: bigint;
  /** The commit position of the resume point, and the point as the server gave it. */
  #resumeAfter: bigint | undefined;
  #resumeFrom: ReadPosition | undefined;
  #current: { subscription: ClientSubscription; iterator: AsyncIterator<SubscriptionItem> } | undefined;
  #attempts = 0;
  #closed = false;
  readonly #closing: Promise<typeof CLOSED>;
  #signalClosed!: () => void;

  constructor(
    private readonly source: SubscriptionSource,
    after: bigint,
    private readonly matches: (event: Filterable) => boolean,
    private readonly reconnect: ReconnectOptions = {},
    private readonly released: (subscription: ResumingSubscription) => void = () => {},
  ) {
    this.#floor = after;
    this.#closing = new Promise((resolve) => {
      this.#signalClosed = () => resolve(CLOSED);
    });
  }

  /** The position the next resubscription would start after (undefined before the first event). */
  get resumeAfter(): bigint | undefined {
    return this.#resumeAfter;
  }

  async next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    while (!this.#closed) {
      let pulled: IteratorResult<SubscriptionItem> | typeof CLOSED;
      try {
        // Opening may read first (startFor): close() must not wait for that either.
        const connecting = this.#connect();
        connecting.catch(() => {});
        const connected = await Promise.race([connecting, this.#closing]);
        if (connected === CLOSED) break;
        const pulling = connected.iterator.next();
        pulling.catch(() => {}); // if close() wins the race, a later rejection is of no interest
        pulled = await Promise.race([pulling, this.#closing]);
      } catch (error) {
        await this.#retryAfter(error);
        continue;
      }
      if (pulled === CLOSED || this.#closed) break;
      if (pulled.done) {
        await this.#retryAfter(new StoreUnavailableError('KurrentDB ended the subscription'));
        continue;
      }
      this.#attempts = 0;
      if (isCheckpoint(pulled.value)) {
        this.#advanceResume(pulled.value.checkpoint.commit, pulled.value.checkpoint);
        continue;
      }
      const position = positionOf(pulled.value);
      if (position !== undefined) this.#advanceResume(position, pulled.value.event?.position ?? toReadPosition(position));
      let event: RecordedEvent | undefined;
      try {
        event = toRecordedEvent(pulled.value);
      } catch (error) {
        await this.close();
        throw error;
      }
      if (!event || event.position <= this.#floor || !this.matches(event)) continue;
      this.#floor = event.position;
      return { done: false, value: event };
    }
    return DONE;
  }

  #advanceResume(position: bigint, from: ReadPosition): void {
    if (this.#resumeAfter !== undefined && position <= this.#resumeAfter) return;
    this.#resumeAfter = position;
    this.#resumeFrom = from;
  }

  async #connect() {
    if (!this.#current) {
      const from = this.#resumeFrom ?? (await this.source.startFor(this.#floor));
      if (this.#closed) throw new StoreUnavailableError('closed');
      const subscription = this.source.open(from);
      this.#current = { subscription, iterator: subscription[Symbol.asyncIterator]() };
    }
    return this.#current;
  }

  /** Drop the current call; wait and let the loop resubscribe, or end the iteration. */
  async #retryAfter(error: unknown): Promise<void> {
    await this.#drop();
    if (this.#closed) return;
    const { initialDelayMs = 100, maxDelayMs = 5_000, maxAttempts = Number.POSITIVE_INFINITY, onReconnect } = this.reconnect;
    if (!isTransient(error)) {
      await this.close();
      throw translateClientError(error);
    }
    this.#attempts += 1;
    if (this.#attempts > maxAttempts) {
      await this.close();
      throw new StoreUnavailableError(`the subscription to KurrentDB failed ${maxAttempts} times in a row`, { cause: error });
    }
    const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (this.#attempts - 1));
    onReconnect?.({ error, attempt: this.#attempts, delayMs, resumeAfter: this.#resumeAfter });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, delayMs))), this.#closing]);
    clearTimeout(timer);
  }

  async #drop(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    await current?.subscription.close();
  }

  /** Called by `break` in a `for await` loop. */
  async return(): Promise<IteratorResult<RecordedEvent, undefined>> {
    await this.close();
    return DONE;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent, undefined> {
    return this;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#signalClosed();
    await this.#drop();
    this.released(this);
  }
}
