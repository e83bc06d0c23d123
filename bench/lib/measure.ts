/** Timing helpers: fixed-duration loops, and rounds that alternate subject and baseline. */

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Call `step` (which returns how many operations it did) until `ms` have passed; operations per second. */
export const ratePerSecond = async (ms: number, step: () => number | Promise<number>): Promise<number> => {
  const started = performance.now();
  let done = 0;
  let elapsed = 0;
  do {
    done += await step();
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  return (done * 1000) / elapsed;
};

export interface Rounds {
  /** Median rate of each side. */
  readonly subject: number;
  readonly baseline: number;
  /** Every round's rate, for the notes. */
  readonly subjectRounds: number[];
  readonly baselineRounds: number[];
}

/**
 * Alternate subject and baseline for `rounds` rounds (who goes first alternates too), so slow
 * drifts of a noisy machine hit both sides alike; report the medians.
 */
export const alternate = async (
  rounds: number,
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<Rounds> => {
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      b.push(await baseline());
      s.push(await subject());
    } else {
      s.push(await subject());
      b.push(await baseline());
    }
  }
  return { subject: median(s), baseline: median(b), subjectRounds: s, baselineRounds: b };
};

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const roundsNote = (label: string, xs: readonly number[], unit: string) =>
  `${label} rounds ${xs.map((x) => fmt(x)).join(' / ')} ${unit}`;
