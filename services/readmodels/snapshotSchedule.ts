/** After the n-th failed save in a row, the next attempt waits min(2^(n−1) × this, the cap). */
export const SNAPSHOT_RETRY_BASE_MS = 10_000;
/** The longest wait between two attempts while saves keep failing. */
export const SNAPSHOT_RETRY_CAP_MS = 600_000;

/** What `/health/ready` and the logs say about the read-model snapshot. */
export type SnapshotStatus =
  | { readonly state: 'ok'; readonly lastSavedAt: Date | undefined }
  | {
      readonly state: 'failing';
      /** The last failure, e.g. `ENOSPC: no space left on device, write`. */
      readonly error: string;
      readonly consecutiveFailures: number;
      readonly lastSavedAt: Date | undefined;
      readonly nextAttemptAt: Date;
    };

export interface SnapshotScheduleOptions {
  /** Save after this many applied events. @defaultValue 100_000 */
  readonly every?: number;
  /** …or after this long with unsaved events. @defaultValue 600_000 ms */
  readonly intervalMs?: number;
  /** Backoff base after a failed save. @defaultValue {@link SNAPSHOT_RETRY_BASE_MS} */
  readonly retryBaseMs?: number;
}

/**
 * When the follower saves its snapshot: every so many events or so much time — and, while
 * saves fail (a full disk, an I/O error), after an exponential backoff instead, so a disk
 * that stays full costs one failed write now and then, not one per event. Time is passed in.
 */
export class SnapshotSchedule {
  #savedAt: number;
  #lastSavedAt: Date | undefined;
  #failures = 0;
  #lastError = '';
  #nextAttemptAt = 0;

  constructor(
    now: number,
    private readonly options: SnapshotScheduleOptions = {},
  ) {
    this.#savedAt = now;
  }

  /** Whether a save is due with `unsaved` events applied since the last successful one. */
  due(unsaved: number, now: number): boolean {
    if (unsaved === 0) return false;
    if (this.#failures > 0) return now >= this.#nextAttemptAt;
    return unsaved >= (this.options.every ?? 100_000) || now - this.#savedAt >= (this.options.intervalMs ?? 600_000);
  }

  saved(now: number): void {
    this.#failures = 0;
    this.#savedAt = now;
    this.#lastSavedAt = new Date(now);
  }

  /** Record a failed save; returns how long until the next attempt. */
  failed(error: unknown, now: number): number {
    this.#failures++;
    this.#lastError = error instanceof Error ? error.message : String(error);
    const waitMs = Math.min(
      2 ** (this.#failures - 1) * (this.options.retryBaseMs ?? SNAPSHOT_RETRY_BASE_MS),
      SNAPSHOT_RETRY_CAP_MS,
    );
    this.#nextAttemptAt = now + waitMs;
    return waitMs;
  }

  get status(): SnapshotStatus {
    if (this.#failures === 0) return { state: 'ok', lastSavedAt: this.#lastSavedAt };
    return {
      state: 'failing',
      error: this.#lastError,
      consecutiveFailures: this.#failures,
      lastSavedAt: this.#lastSavedAt,
      nextAttemptAt: new Date(this.#nextAttemptAt),
    };
  }
}
