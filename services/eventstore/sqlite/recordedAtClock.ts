/**
 * Stamps `recordedAt` from the server clock, never below the previous stamp: a clock stepped
 * back (NTP, a VM restored) must not make knowledge time run backwards along the log.
 * Sound because this process is the only writer of the file (see `lock.ts`).
 */
export class RecordedAtClock {
  #lastMs: number;

  constructor(
    private readonly now: () => Date,
    lastRecordedAt: string | undefined,
  ) {
    this.#lastMs = lastRecordedAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(lastRecordedAt);
  }

  /** ISO 8601 UTC with milliseconds, `>=` every earlier stamp. */
  next(): string {
    this.#lastMs = Math.max(this.now().getTime(), this.#lastMs);
    return new Date(this.#lastMs).toISOString();
  }
}
