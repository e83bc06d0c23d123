import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine, progressOf } from '../../services/readmodels/rebuildProgress.js';

describe('progressOf', () => {
  it('is done on an empty log, and at or past the head', () => {
    expect(progressOf({ position: 0n, head: 0n, startPosition: 0n, elapsedMs: 0 })).toEqual({ fraction: 1, etaMs: 0 });
    expect(progressOf({ position: 10n, head: 10n, startPosition: 10n, elapsedMs: 0 })).toEqual({ fraction: 1, etaMs: 0 });
    expect(progressOf({ position: 12n, head: 10n, startPosition: 0n, elapsedMs: 5 })).toEqual({ fraction: 1, etaMs: 0 });
  });

  it('has no ETA until there is a rate', () => {
    expect(progressOf({ position: 0n, head: 100n, startPosition: 0n, elapsedMs: 0 })).toEqual({ fraction: 0, etaMs: undefined });
    expect(progressOf({ position: 40n, head: 100n, startPosition: 40n, elapsedMs: 3_000 })).toEqual({
      fraction: 0.4,
      etaMs: undefined,
    });
    expect(progressOf({ position: 40n, head: 100n, startPosition: 0n, elapsedMs: 0 }).etaMs).toBeUndefined();
  });

  it('estimates the rest at the position rate since this run started', () => {
    // 25 positions in 1 s: 75 to go is 3 s.
    expect(progressOf({ position: 25n, head: 100n, startPosition: 0n, elapsedMs: 1_000 })).toEqual({
      fraction: 0.25,
      etaMs: 3_000,
    });
  });

  it('counts the rate from where a resumed run started, not from the start of the log', () => {
    // Resumed at 600 000; 100 000 positions in 2 s; 300 000 to go: 6 s (not 1.2 s, as 700 000 positions in 2 s would say).
    expect(progressOf({ position: 700_000n, head: 1_000_000n, startPosition: 600_000n, elapsedMs: 2_000 })).toEqual({
      fraction: 0.7,
      etaMs: 6_000,
    });
  });

  it('keeps its precision for positions beyond 2^53 (KurrentDB commit positions)', () => {
    const head = 2n ** 60n;
    const { fraction, etaMs } = progressOf({ position: head / 4n, head, startPosition: 0n, elapsedMs: 1_000 });
    expect(fraction).toBe(0.25);
    expect(etaMs).toBeCloseTo(3_000, 6);
  });
});

describe('the progress text', () => {
  it('formats durations', () => {
    expect(formatDuration(undefined)).toBe('?');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(8_200)).toBe('9s');
    expect(formatDuration(245_000)).toBe('4m05s');
    expect(formatDuration(7_620_000)).toBe('2h07m');
  });

  it('prints the plain line for logs and CI', () => {
    expect(
      progressLine({
        position: 842_100n,
        head: 2_000_000n,
        events: 812_345,
        elapsedMs: 6_750,
        ...progressOf({ position: 842_100n, head: 2_000_000n, startPosition: 0n, elapsedMs: 6_750 }),
      }),
    ).toBe('  42.10%  position 842100/2000000  812345 events  120347 events/s  ETA 10s');
  });
});
