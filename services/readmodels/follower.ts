import type { Logger } from 'pino';
import { decodeEvent } from '../../domain/events.js';
import type { Envelope, Projection } from '../../projections/envelope.js';
import type { EventStore, RecordedEvent, Subscription } from '../eventstore/port.js';

/**
 * Follows the log from the start and keeps in-memory read models up to date. Readers ask
 * for the position the models reflect and can wait for a position (read-your-writes).
 */
export class ReadModelFollower<State> {
  #position = 0n;
  #state: State;
  #subscription: Subscription | undefined;
  #waiters = new Set<{ position: bigint; resolve: () => void }>();
  #running: Promise<void> | undefined;
  #failure: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly projection: Projection<State>,
    private readonly log: Logger,
    private readonly alsoApply: (event: RecordedEvent) => void = () => {},
  ) {
    this.#state = projection.initialState();
  }

  get position(): bigint {
    return this.#position;
  }

  get state(): State {
    return this.#state;
  }

  /** Whether the follower stopped on an error (then /health/ready fails). */
  get failed(): boolean {
    return this.#failure !== undefined;
  }

  /** Start following; resolves once the models have caught up with the head at call time. */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    this.#subscription = this.store.subscribe({ after: this.#position });
    this.#running = this.#follow(this.#subscription);
    await this.waitFor(head, Number.POSITIVE_INFINITY);
  }

  async #follow(subscription: Subscription): Promise<void> {
    try {
      for await (const recorded of subscription) this.apply(recorded);
    } catch (error) {
      this.#failure = error;
      this.log.error({ err: error, position: String(this.#position) }, 'read model follower stopped');
    }
  }

  apply(recorded: RecordedEvent): void {
    if (recorded.position <= this.#position) return;
    const decoded = decodeEvent(recorded.type, recorded.schemaVersion, recorded.data);
    if (decoded.ok) {
      const envelope: Envelope = {
        position: recorded.position,
        streamId: recorded.streamId,
        revision: recorded.revision,
        recordedAt: recorded.recordedAt,
        principal: recorded.metadata.principal,
        event: decoded.event,
      };
      this.#state = this.projection.evolve(this.#state, envelope);
    } else if (decoded.reason !== 'unknown_type') {
      this.log.warn(
        { position: String(recorded.position), type: recorded.type, reason: decoded.message },
        'undecodable event skipped',
      );
    }
    this.alsoApply(recorded);
    this.#position = recorded.position;
    for (const waiter of this.#waiters) {
      if (waiter.position <= this.#position) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Resolves true once the models reflect `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (position <= this.#position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            this.#waiters.delete(waiter);
            resolve(false);
          }, timeoutMs)
        : undefined;
      this.#waiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    await this.#subscription?.close();
    await this.#running;
  }
}
