import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { destinationProblem } from './allowlist.js';
import { type Agents, attemptDelivery, bodyOf } from './attempt.js';
import { parkedNotFound, urlNotAllowed, webhookNotFound, webhooksStopped } from './errors.js';
import type { WebhookOptions } from './options.js';
import { DeliveryStopped } from './post.js';
import { generateSecret } from './secret.js';
import type { DeliveryState, ParkedDelivery, WebhookFilter, WebhookRecord } from './webhookDb.js';
import type { WebhookStore } from './webhookStore.js';
import { WebhookWorker, type WorkerPhase } from './worker.js';

export interface Registration {
  readonly url: string;
  readonly filter?: WebhookFilter | undefined;
  /** A `whsec_…` secret (validated by the caller); generated when absent. */
  readonly secret?: string | undefined;
  readonly description?: string | undefined;
  /** Where deliveries start: after the current head, from the start of the log, or after a position. */
  readonly from?: 'head' | 'start' | bigint | undefined;
  readonly principal: string;
}

/** A webhook as the API shows it: never its secret. */
export interface WebhookStatus {
  readonly webhook: Omit<WebhookRecord, 'secret'>;
  readonly delivery: DeliveryState & { readonly parked: number; readonly phase: WorkerPhase };
}

export interface ReplayReport {
  /** Positions delivered, now removed from the parked list. */
  readonly delivered: bigint[];
  /** The first replay that failed (replay stops there: the receiver is likely still down). */
  readonly failed: { readonly position: bigint; readonly error: string } | null;
  /** Parked deliveries left. */
  readonly remaining: number;
}

/**
 * Runs every registered webhook (one worker each) and administers them. Registrations and
 * delivery state live in the webhooks database, never in the ledger.
 */
export class WebhookDispatcher {
  readonly #workers = new Map<string, WebhookWorker>();
  readonly #replays = new Map<string, Promise<unknown>>();
  readonly #abort = new AbortController();
  readonly #agents: Agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  #stopped = false;
  #rebalancing: NodeJS.Timeout | undefined;
  #rebalance: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly db: WebhookStore,
    private readonly log: Logger,
    readonly options: WebhookOptions,
  ) {}

  /**
   * Start a worker for every registered webhook — with leases (several replicas), for every
   * one this replica can own, and from then on, every `intervalMs`, for those whose owner
   * died or that another replica registered.
   */
  start(): void {
    if (!this.db.leases) {
      for (const webhook of this.db.all()) this.#startWorker(webhook);
      if (this.#workers.size > 0) this.log.info({ webhooks: this.#workers.size }, 'webhook delivery started');
      return;
    }
    const tick = () => {
      this.#rebalance = this.#rebalanceOnce().finally(() => {
        if (!this.#stopped) this.#rebalancing = setTimeout(tick, this.db.leases?.intervalMs ?? 1_000);
      });
    };
    tick();
  }

  /** Take the webhooks nobody owns; stop the workers of those this replica no longer owns or that were removed. */
  async #rebalanceOnce(): Promise<void> {
    const leases = this.db.leases;
    if (!leases || this.#stopped) return;
    try {
      await leases.refresh();
      for (const [id, worker] of this.#workers) {
        if (this.db.get(id) && leases.owns(id)) continue;
        this.#workers.delete(id);
        await worker.stop();
        await leases.release(id);
        this.log.info({ webhookId: id }, 'webhook no longer delivered by this replica');
      }
      for (const webhook of this.db.all()) {
        if (this.#stopped || this.#workers.has(webhook.id)) continue;
        if (!(await leases.acquire(webhook.id))) continue;
        this.#startWorker(webhook);
        this.log.info({ webhookId: webhook.id }, 'webhook delivered by this replica');
      }
    } catch (error) {
      this.log.warn({ err: error }, 'webhook leases could not be checked; trying again');
    }
  }

  #startWorker(webhook: WebhookRecord): void {
    const worker = new WebhookWorker(
      { store: this.store, db: this.db, log: this.log, options: this.options, agents: this.#agents },
      webhook,
    );
    this.#workers.set(webhook.id, worker);
    worker.start();
  }

  /** Register a webhook and start delivering to it; answers the record with its secret (shown once). */
  async register(registration: Registration): Promise<{ record: WebhookRecord; checkpoint: bigint }> {
    if (this.#stopped) throw webhooksStopped();
    const problem = destinationProblem(registration.url, this.options.allowlist);
    if (problem) throw urlNotAllowed(problem);
    const from = registration.from ?? 'head';
    const checkpoint = from === 'start' ? 0n : from === 'head' ? await this.store.headPosition() : from;
    const filter = registration.filter;
    const record: WebhookRecord = {
      id: randomUUID(),
      url: registration.url,
      filter: filter && (filter.categories || filter.types) ? filter : null,
      secret: registration.secret ?? generateSecret(),
      description: registration.description ?? null,
      createdAt: new Date().toISOString(),
      createdBy: registration.principal,
    };
    await this.db.insert(record, checkpoint);
    if (!this.db.leases || (await this.db.leases.acquire(record.id))) this.#startWorker(record);
    this.log.info(
      { webhookId: record.id, host: new URL(record.url).host, checkpoint: String(checkpoint), by: record.createdBy },
      'webhook registered',
    );
    return { record, checkpoint };
  }

  list(): WebhookStatus[] {
    return this.db.all().map((record) => this.#statusOf(record));
  }

  get(id: string): WebhookStatus {
    return this.#statusOf(this.#record(id));
  }

  #record(id: string): WebhookRecord {
    const record = this.db.get(id);
    if (!record) throw webhookNotFound(id);
    return record;
  }

  #statusOf(record: WebhookRecord): WebhookStatus {
    const { secret: _secret, ...webhook } = record;
    const state = this.db.state(record.id);
    if (!state) throw webhookNotFound(record.id);
    const phase = this.#workers.get(record.id)?.phase ?? 'stopped';
    return { webhook, delivery: { ...state, parked: this.db.parkedCount(record.id), phase } };
  }

  /** Stop delivering to a webhook and forget it, its checkpoint and its parked deliveries. */
  async remove(id: string, principal: string): Promise<void> {
    this.#record(id);
    const worker = this.#workers.get(id);
    this.#workers.delete(id);
    await worker?.stop();
    await this.#replays.get(id)?.catch(() => undefined);
    await this.db.delete(id);
    await this.db.leases?.release(id);
    this.log.info({ webhookId: id, by: principal }, 'webhook removed');
  }

  parked(id: string, after: bigint | undefined, limit: number): ParkedDelivery[] {
    this.#record(id);
    return this.db.parked(id, after, limit);
  }

  /**
   * Deliver parked deliveries again, one attempt each, in position order: the one at
   * `position`, or up to `limit` from the first. A delivered one leaves the parked list; the
   * first failure stops the replay and is recorded on its parked delivery. Replays of one
   * webhook run one at a time.
   */
  async replay(id: string, which: { position: bigint } | { limit: number }): Promise<ReplayReport> {
    if (this.#stopped) throw webhooksStopped();
    const record = this.#record(id);
    const targets =
      'position' in which
        ? [this.db.parkedAt(id, which.position) ?? this.#throw(parkedNotFound(id, which.position))]
        : this.db.parked(id, undefined, which.limit);
    const previous = this.#replays.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.#replay(record, targets));
    this.#replays.set(id, run);
    try {
      return await run;
    } finally {
      if (this.#replays.get(id) === run) this.#replays.delete(id);
    }
  }

  #throw(error: Error): never {
    throw error;
  }

  async #replay(record: WebhookRecord, targets: readonly ParkedDelivery[]): Promise<ReplayReport> {
    const delivered: bigint[] = [];
    let failed: ReplayReport['failed'] = null;
    for (const parked of targets) {
      if (!this.db.parkedAt(record.id, parked.position)) continue; // replayed meanwhile
      const event = await this.#eventAt(parked.position);
      let error: string | undefined;
      if (!event || event.eventId !== parked.eventId) {
        error = `event ${parked.eventId} is not at position ${parked.position} in this ledger`;
      } else {
        try {
          const result = await attemptDelivery(record, event, bodyOf(event), this.options, this.#agents, this.#abort.signal);
          if (!result.ok) error = result.error;
        } catch (cause) {
          throw cause instanceof DeliveryStopped ? webhooksStopped() : cause;
        }
      }
      const where = { webhookId: record.id, position: String(parked.position), eventId: parked.eventId };
      if (error === undefined) {
        await this.db.unpark(record.id, parked.position);
        delivered.push(parked.position);
        this.log.info(where, 'parked webhook delivery replayed');
      } else {
        await this.db.replayFailed(record.id, parked.position, error);
        failed = { position: parked.position, error };
        this.log.info({ ...where, error }, 'replay of a parked webhook delivery failed');
        break;
      }
    }
    return { delivered, failed, remaining: this.db.parkedCount(record.id) };
  }

  /** The parked position is one the store gave out: the store reads that event directly. */
  async #eventAt(position: bigint): Promise<RecordedEvent | undefined> {
    const event = await this.store.readEventAt(position);
    return event?.position === position ? event : undefined;
  }

  /** Stop every worker and replay (in-flight attempts are aborted; no retry is scheduled after), then close the database. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#rebalancing);
    await this.#rebalance;
    this.#abort.abort();
    await Promise.all([...this.#workers.values()].map((worker) => worker.stop()));
    await Promise.all([...this.#replays.values()].map((replay) => replay.catch(() => undefined)));
    this.#workers.clear();
    this.#agents.http.destroy();
    this.#agents.https.destroy();
    await this.db.close();
  }
}
