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
   * An import checks its stamps first (`services/feeds/validateExport.ts`: not below the log's
   * last, not beyond the clock), so a requested stamp is raised only when another writer
   * appended between that check and the import's append; the raise stays as the safety net
   * for that and for a clock stepped back.
   */
  next(requested?: string): string {
    const wanted = requested === undefined ? this.now().getTime() : Date.parse(requested);
    this.#lastMs = Math.max(Number.isNaN(wanted) ? this.now().getTime() : wanted, this.#lastMs);
    return new Date(this.#lastMs).toISOString();
  }
}
