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

  /**
   * ISO 8601 UTC with milliseconds, `>=` every earlier stamp. `requested` (an import's
   * original stamp) replaces the clock's reading, still never below the previous stamp.
   */
  next(requested?: string): string {
    const wanted = requested === undefined ? this.now().getTime() : Date.parse(requested);
    this.#lastMs = Math.max(Number.isNaN(wanted) ? this.now().getTime() : wanted, this.#lastMs);
    return new Date(this.#lastMs).toISOString();
  }
}
