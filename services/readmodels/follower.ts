import type { Logger } from 'pino';
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { Projection } from '../../projections/envelope.js';
import type { EventStore, LogReader, RecordedEvent, Subscription } from '../eventstore/port.js';
import { foldRecorded } from './foldRecorded.js';
import { SNAPSHOT_CODECS, type SnapshotCodec } from './snapshotCodecs.js';
import { SNAPSHOT_RETRY_BASE_MS, SnapshotSchedule, type SnapshotStatus } from './snapshotSchedule.js';
import { openSnapshot, peekSnapshotHeader, type SnapshotHeader, writeSnapshot } from './snapshots.js';

/** What the follower records of its snapshot saves (the fields of `Metrics` of these names). */
export interface SnapshotMetrics {
  readonly snapshotSaveDuration: Pick<Histogram, 'observe'>;
  readonly snapshotSaveFailures: Pick<Counter, 'inc'>;
  readonly snapshotLastSuccess: Pick<Gauge, 'set'>;
}

export interface FollowerOptions {
  /** Where the state and its checkpoint are saved together; none keeps them in memory only. */
  readonly snapshotPath?: string;
  /** Save after this many applied events. @defaultValue 100_000 */
  readonly snapshotEvery?: number;
  /**
   * …or after this long with unsaved events. A save writes the whole state a frame at a time
   * between requests (`ledgerSnapshot.ts`), 2–6 s for a 2M-event ledger here (longer under load), so saves
   * stay rare; a stop saves too, and a crash only costs a replay from the last save.
   * @defaultValue 600_000 ms
   */
  readonly snapshotIntervalMs?: number;
  /**
   * After a failed save, the next attempt waits min(2^(n−1) × this, 10 min).
   * @defaultValue {@link SNAPSHOT_RETRY_BASE_MS} (10 s)
   */
  readonly snapshotRetryBaseMs?: number;
  /** Where saves are recorded (durations, failures, last success). */
  readonly metrics?: SnapshotMetrics;
}

/**
 * Follows the log with a subscription and keeps the in-memory read models up to date,
 * resuming from the last snapshot (state + checkpoint, saved together). Readers ask for the
 * position the models reflect and can wait for a position (read-your-writes).
 *
 * A snapshot is a cache of the log: a save that fails (disk full, I/O error) is logged,
 * counted and retried later with a backoff, and the models go on following — readers keep
 * getting fresh answers; only a restart would replay more of the log.
 */
export class ReadModelFollower<State> {
  #position = 0n;
  #lastEventId: string | undefined;
  #lastRecordedAt: string | undefined;
  #state: State;
  #subscription: Subscription | undefined;
  #waiters = new Set<{ position: bigint; resolve: () => void }>();
  #running: Promise<void> | undefined;
  #failure: unknown;
  #unsaved = 0;
  readonly #schedule: SnapshotSchedule;
  #saving: Promise<void> | undefined;
  /** Set by `stop`: no save is started in the background any more. */
  #stopping = false;

  /**
   * @param store - The log: a store to follow (`start`), or only a {@link LogReader} for a
   *   follower that is fed events (`apply`, a rebuild) and resumes from a snapshot.
   */
  constructor(
    private readonly store: EventStore | LogReader,
    private readonly projection: Projection<State>,
    private readonly log: Logger,
    private readonly options: FollowerOptions = {},
  ) {
    this.#state = projection.initialState();
    this.#schedule = new SnapshotSchedule(Date.now(), {
      ...(options.snapshotEvery !== undefined ? { every: options.snapshotEvery } : {}),
      ...(options.snapshotIntervalMs !== undefined ? { intervalMs: options.snapshotIntervalMs } : {}),
      retryBaseMs: options.snapshotRetryBaseMs ?? SNAPSHOT_RETRY_BASE_MS,
    });
  }

  get position(): bigint {
    return this.#position;
  }

  get state(): State {
    return this.#state;
  }

  /**
   * The `recordedAt` of the event at `position` (ISO 8601 UTC), or undefined before the first
   * event; a `knownAt` at or after it admits everything the models reflect.
   */
  get lastRecordedAt(): string | undefined {
    return this.#lastRecordedAt;
  }

  /** Whether the follower stopped on an error (then /health/ready fails). */
  get failed(): boolean {
    return this.#failure !== undefined;
  }

  /** Why the follower stopped, when it did. */
  get failure(): unknown {
    return this.#failure;
  }

  /** Whether the snapshot is being saved, or saves are failing (undefined without a snapshot path). */
  get snapshotStatus(): SnapshotStatus | undefined {
    return this.options.snapshotPath ? this.#schedule.status : undefined;
  }

  /**
   * Load the snapshot, start following; resolves once the models have caught up with the head at call time.
   *
   * @throws TypeError when the follower was given a {@link LogReader}, which cannot be followed.
   */
  async start(): Promise<void> {
    const { store } = this;
    if (!('subscribe' in store)) throw new TypeError('a follower of a log reader is fed events; it cannot follow the log');
    await this.#resume();
    const head = await store.headPosition();
    this.#subscription = store.subscribe({ after: this.#position });
    this.#running = this.#follow(this.#subscription);
    await this.waitFor(head, Number.POSITIVE_INFINITY);
  }

  /**
   * Restore the state from the snapshot, when there is one of this projection version that
   * belongs to this ledger. Restoring runs on the event loop (before the service is ready).
   */
  async #resume(): Promise<boolean> {
    const { snapshotPath } = this.options;
    if (!snapshotPath) return false;
    let reader: Awaited<ReturnType<typeof openSnapshot>>;
    try {
      reader = await openSnapshot(snapshotPath, this.projection.name, this.projection.version);
    } catch (error) {
      this.log.warn({ err: error, snapshotPath }, 'the read model snapshot is damaged; rebuilding from the start of the log');
      return false;
    }
    if (!reader) {
      this.log.info({ snapshotPath }, 'no read model snapshot of this projection version; building the read models from the log');
      return false;
    }
    try {
      const { header } = reader;
      if (!(await this.#belongsToStore(header.position, header.lastEventId))) {
        this.log.warn(
          { snapshotPath },
          'the read model snapshot does not match this ledger; rebuilding from the start of the log',
        );
        return false;
      }
      const started = performance.now();
      try {
        this.#state = (await this.#codec().restore(reader.frames())) as State;
      } catch (error) {
        // A snapshot is a cache of the log: a damaged one costs a rebuild, never a wrong state.
        this.#lastRecordedAt = undefined;
        this.log.warn({ err: error, snapshotPath }, 'the read model snapshot is damaged; rebuilding from the start of the log');
        return false;
      }
      this.#position = header.position;
      this.#lastEventId = header.lastEventId;
      this.log.info(
        { snapshotPath, position: String(header.position), ms: Math.round(performance.now() - started) },
        'read models resumed from their snapshot',
      );
      return true;
    } finally {
      await reader.close();
    }
  }

  /**
   * Load the snapshot at the snapshot path with the checks of {@link start} (this projection's
   * name and version; the event at its checkpoint is the one it last applied), but without
   * following the log: for the rebuild, which reads the log in pages itself. Resolves true when
   * the follower now stands at the snapshot's position, false when there is no usable snapshot
   * (no path, no file, another version, another ledger, a damaged file: the follower stays at
   * the start).
   *
   * @throws Error when the follower has already applied events or is following.
   */
  async resumeFromSnapshot(): Promise<boolean> {
    if (this.#position !== 0n || this.#subscription) throw new Error('resumeFromSnapshot: only before start or apply');
    return this.#resume();
  }

  #codec(): SnapshotCodec<State> {
    const codec = SNAPSHOT_CODECS.get(this.projection.name);
    if (!codec) throw new Error(`projection ${this.projection.name} has no snapshot codec (snapshotCodecs.ts)`);
    return codec as SnapshotCodec<State>;
  }

  /**
   * A snapshot of another ledger (a replaced file, a restored backup) must not be trusted: the
   * event at its checkpoint must be the one it last applied. The checkpoint is a position the
   * store gave out, so the store reads that one event directly.
   */
  async #belongsToStore(position: bigint, lastEventId: string | undefined): Promise<boolean> {
    if (position === 0n) return true;
    const atPosition = await this.store.readEventAt(position);
    if (atPosition === undefined || atPosition.position !== position || atPosition.eventId !== lastEventId) return false;
    this.#lastRecordedAt = atPosition.recordedAt;
    return true;
  }

  async #follow(subscription: Subscription): Promise<void> {
    try {
      for await (const recorded of subscription) {
        this.apply(recorded);
        // In the background: following goes on while the thread saves (logged, counted, retried later).
        if (this.#saving === undefined && !this.#stopping && this.#snapshotDue()) void this.saveSnapshot().catch(() => undefined);
      }
    } catch (error) {
      this.#failure = error;
      this.log.error({ err: error, position: String(this.#position) }, 'read model follower stopped');
      for (const waiter of this.#waiters) waiter.resolve();
    }
  }

  #snapshotDue(): boolean {
    return this.options.snapshotPath !== undefined && this.#schedule.due(this.#unsaved, Date.now());
  }

  /**
   * Save the state with the position it reflects (no-op without a snapshot path). The state is
   * cut at the current position and written a frame at a time, each frame built between two
   * writes: the event loop goes on serving, and the follower on applying events, meanwhile
   * (`snapshotCodecs.ts` says why the frames still hold the state at the cut). One save at a
   * time (a call during one waits for it, then saves). A failure is logged (err, path,
   * position), counted, schedules the next attempt, and is rethrown.
   */
  async saveSnapshot(): Promise<void> {
    while (this.#saving) await this.#saving.catch(() => undefined);
    const saving = this.#save();
    this.#saving = saving;
    try {
      await saving;
    } finally {
      if (this.#saving === saving) this.#saving = undefined;
    }
  }

  async #save(): Promise<void> {
    const { snapshotPath, metrics } = this.options;
    if (!snapshotPath) return;
    // Everything the snapshot says is taken here, before the first await: the follower applies
    // events meanwhile, and the cut copies now what they would overwrite.
    const position = this.#position;
    const header = {
      projection: this.projection.name,
      version: this.projection.version,
      position,
      lastEventId: this.#lastEventId,
    };
    const state = this.#state;
    const unsavedAtStart = this.#unsaved;
    const started = performance.now();
    // A rebuild for a newer projection version may have promoted its snapshot here, for the next
    // version of the service to start from: this one must not write over it (checked before
    // writing, and again just before the rename).
    const newer = (existing: SnapshotHeader | undefined) =>
      existing?.projection === this.projection.name && existing.version > this.projection.version;
    try {
      const frames = this.#codec().cut(state, position);
      const written =
        !newer(await peekSnapshotHeader(snapshotPath).catch(() => undefined)) &&
        (await writeSnapshot(snapshotPath, header, frames, { keepExisting: newer }));
      if (!written) {
        this.log.warn(
          { path: snapshotPath, version: this.projection.version },
          'the snapshot file holds a newer projection version (a rebuild promoted it); not writing over it',
        );
        this.#unsaved -= unsavedAtStart;
        this.#schedule.saved(Date.now());
        return;
      }
    } catch (error) {
      metrics?.snapshotSaveDuration.observe((performance.now() - started) / 1_000);
      metrics?.snapshotSaveFailures.inc();
      const retryInMs = this.#schedule.failed(error, Date.now());
      this.log.error(
        { err: error, path: snapshotPath, position: String(position), retryInMs },
        'read model snapshot not saved (the read models are unaffected; a running follower retries after retryInMs)',
      );
      throw error;
    }
    const now = Date.now();
    metrics?.snapshotSaveDuration.observe((performance.now() - started) / 1_000);
    metrics?.snapshotLastSuccess.set(now / 1_000);
    this.#unsaved -= unsavedAtStart;
    this.#schedule.saved(now);
    this.log.debug({ position: String(position), ms: Math.round(performance.now() - started) }, 'read model snapshot saved');
  }

  apply(recorded: RecordedEvent): void {
    if (recorded.position <= this.#position) return;
    this.#state = foldRecorded(this.projection, this.#state, recorded, this.log);
    this.#position = recorded.position;
    this.#lastEventId = recorded.eventId;
    this.#lastRecordedAt = recorded.recordedAt;
    this.#unsaved++;
    // Checked first: iterating even an empty set costs a rebuild 0.1 µs an event.
    if (this.#waiters.size === 0) return;
    for (const waiter of this.#waiters) {
      if (waiter.position <= this.#position) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Resolves true once the models reflect `position`, false after `timeoutMs` (or when following failed). */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (position <= this.#position) return Promise.resolve(true);
    if (this.failed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve(position <= this.#position);
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

  /**
   * Stop following and save a last snapshot, so the next start resumes where this one ended.
   * Never fails on the save: resolves false only when a save was needed and could not be
   * written (logged by `saveSnapshot`) — the log is intact, and the next start replays from
   * the older snapshot.
   */
  async stop(): Promise<boolean> {
    this.#stopping = true;
    await this.#subscription?.close();
    await this.#running;
    try {
      // Every save already asked for ends first (one may be queued behind another).
      while (this.#saving) await this.#saving.catch(() => undefined);
      if (this.failed || this.#unsaved === 0) return true;
      await this.saveSnapshot();
      return true;
    } catch {
      return false;
    }
  }
}
