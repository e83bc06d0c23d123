/** Where a rebuild stands, as {@link progressOf} reads it from positions and time. */
export interface RebuildEstimate {
  /**
   * How far along the log, 0..1: `position / head`. An estimate: positions are ordered tokens,
   * not event counts on every engine (SQLite and PostgreSQL number events, KurrentDB's commit
   * positions are byte offsets that system events also advance), and the head moves when the
   * service appends meanwhile. 1 for an empty log.
   */
  readonly fraction: number;
  /**
   * Milliseconds until the position reaches the head at the rate, in positions per
   * millisecond, since this run started or resumed; undefined until there is a rate (no time
   * elapsed, or no position gained yet). 0 once at the head.
   */
  readonly etaMs: number | undefined;
}

/**
 * The fraction done and the ETA of a rebuild that started (or resumed) at `startPosition`,
 * stands at `position`, aims at `head` and has run `elapsedMs` since it started or resumed.
 * Pure: the same figures give the same estimate.
 */
export const progressOf = ({
  position,
  head,
  startPosition,
  elapsedMs,
}: {
  readonly position: bigint;
  readonly head: bigint;
  readonly startPosition: bigint;
  readonly elapsedMs: number;
}): RebuildEstimate => {
  if (head <= 0n || position >= head) return { fraction: 1, etaMs: 0 };
  // Six decimal places of the fraction in bigint arithmetic: positions can exceed 2^53.
  const fraction = Math.max(0, Number((position * 1_000_000n) / head) / 1_000_000);
  const gained = Number(position - startPosition);
  if (elapsedMs <= 0 || gained <= 0) return { fraction, etaMs: undefined };
  return { fraction, etaMs: (Number(head - position) * elapsedMs) / gained };
};

/** A duration for people: `9s`, `4m05s`, `2h07m`; `?` when unknown. Sub-second rounds up. */
export const formatDuration = (ms: number | undefined): string => {
  if (ms === undefined || !Number.isFinite(ms)) return '?';
  const seconds = Math.ceil(Math.max(0, ms) / 1_000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
};

/** Events per second over `elapsedMs`, rounded (0 before any time has passed). */
export const eventsPerSecond = (events: number, elapsedMs: number): number =>
  elapsedMs > 0 ? Math.round((events * 1_000) / elapsedMs) : 0;

/**
 * One plain progress line (for logs and CI, where there is no terminal to draw a bar on):
 * `  42.10%  position 842100/2000000  812345 events  120345 events/s  ETA 9s`.
 */
export const progressLine = (p: {
  readonly position: bigint;
  readonly head: bigint;
  readonly events: number;
  readonly elapsedMs: number;
  readonly fraction: number;
  readonly etaMs: number | undefined;
}): string =>
  `  ${(p.fraction * 100).toFixed(2)}%  position ${p.position}/${p.head}  ${p.events} events  ` +
  `${eventsPerSecond(p.events, p.elapsedMs)} events/s  ETA ${formatDuration(p.etaMs)}`;
