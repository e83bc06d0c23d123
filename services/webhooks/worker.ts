import type { Logger } from 'pino';
import type { EventStore, RecordedEvent, Subscription } from '../eventstore/port.js';
import { type Agents, attemptDelivery, bodyOf } from './attempt.js';
import { backoffMs, pause } from './backoff.js';
import type { WebhookOptions } from './options.js';
import { DeliveryStopped } from './post.js';
import type { WebhookRecord } from './webhookDb.js';
import type { WebhookStore } from './webhookStore.js';

export type WorkerPhase = 'delivering' | 'retrying' | 'waiting' | 'stopped';

export interface WorkerContext {
  readonly store: EventStore;
  readonly db: WebhookStore;
  readonly log: Logger;
  readonly options: WebhookOptions;
  readonly agents: Agents;
}

/**
 * One loop per webhook: a subscription from the durable checkpoint (catch-up, then live),
 * and each event delivered — retried with backoff, or parked after the last attempt —
 * before the next is touched, so deliveries are in position order. The checkpoint moves
 * only once the receiver said 2xx or the event was parked, so a stop or a crash at any
 * moment redelivers at most the event in flight (with the same `webhook-id`).
 */
export class WebhookWorker {
  readonly #abort = new AbortController();
  readonly #log: Logger;
  #subscription: Subscription | undefined;
  #running: Promise<void> | undefined;
  #phase: WorkerPhase = 'waiting';

  constructor(
    private readonly context: WorkerContext,
    readonly webhook: WebhookRecord,
  ) {
    this.#log = context.log.child({ webhookId: webhook.id });
  }

  get phase(): WorkerPhase {
    return this.#phase;
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** Abort the attempt in flight and any pending retry; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#subscription?.close();
    await this.#running;
    this.#phase = 'stopped';
  }

  async #run(): Promise<void> {
    const { store, db, options } = this.context;
    const signal = this.#abort.signal;
    let storeFailures = 0;
    while (!signal.aborted) {
      const state = db.state(this.webhook.id);
      if (!state) return; // deleted
      const carried =
        state.pendingPosition === null ? undefined : { position: state.pendingPosition, attempts: state.pendingAttempts };
      const filter = this.webhook.filter;
      const subscription = store.subscribe({ after: state.checkpoint, ...(filter ? { filter } : {}) });
      this.#subscription = subscription;
      try {
        for await (const event of subscription) {
          const attempts = carried?.position === event.position ? carried.attempts : 0;
          if (!(await this.#deliver(event, attempts))) break;
          storeFailures = 0;
        }
        if (!signal.aborted) throw new Error('the subscription ended');
      } catch (error) {
        if (signal.aborted) break;
        storeFailures += 1;
        const delay = backoffMs(storeFailures, options.retryBaseMs, options.retryCapMs);
        this.#log.error({ err: error, retryInMs: delay }, 'webhook worker lost its subscription; resubscribing');
        if (!(await pause(delay, signal))) break;
      } finally {
        await subscription.close();
      }
    }
    this.#phase = 'stopped';
  }

  /** Deliver one event until it is acknowledged or parked: true to go on, false when stopped. */
  async #deliver(event: RecordedEvent, carriedAttempts: number): Promise<boolean> {
    const { db, options, agents } = this.context;
    const signal = this.#abort.signal;
    const body = bodyOf(event);
    const where = { position: String(event.position), eventId: event.eventId };
    let attempts = carriedAttempts;
    for (;;) {
      // Another replica may own it now (this one lost its lease): stop before delivering.
      if (db.leases && !db.leases.owns(this.webhook.id)) return false;
      this.#phase = 'delivering';
      let result: Awaited<ReturnType<typeof attemptDelivery>>;
      try {
        result = await attemptDelivery(this.webhook, event, body, options, agents, signal);
      } catch (error) {
        if (error instanceof DeliveryStopped) return false;
        throw error;
      }
      const now = new Date().toISOString();
      if (result.ok) {
        await db.delivered(this.webhook.id, event.position, now);
        if (attempts > 0) this.#log.info({ ...where, attempts: attempts + 1 }, 'webhook delivered after retries');
        this.#phase = 'waiting';
        return true;
      }
      attempts += 1;
      if (attempts >= options.maxAttempts) {
        await db.park(this.webhook.id, {
          position: event.position,
          eventId: event.eventId,
          type: event.type,
          attempts,
          lastError: result.error,
          parkedAt: now,
        });
        this.#log.warn({ ...where, attempts, error: result.error }, 'webhook delivery parked');
        this.#phase = 'waiting';
        return true;
      }
      const delay = backoffMs(attempts, options.retryBaseMs, options.retryCapMs);
      await db.failed(this.webhook.id, event.position, attempts, result.error, now, new Date(Date.now() + delay).toISOString());
      this.#log.info({ ...where, attempts, error: result.error, retryInMs: delay }, 'webhook delivery failed; will retry');
      this.#phase = 'retrying';
      if (!(await pause(delay, signal))) return false;
    }
  }
}
