import { type AutocannonOptions, loadAutocannon } from './benchDeps.js';

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  readonly rps: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Milliseconds, of the 2xx responses, to the microsecond (autocannon's own histogram keeps whole milliseconds). */
  readonly p50: number;
  readonly p99: number;
  readonly statusCodes: Record<string, number>;
}

/** Load `url` with autocannon (in this process; the server runs in another) for `seconds`. */
export const loadFor = async (
  seconds: number,
  options: Omit<AutocannonOptions, 'duration' | 'url'> & { url: string },
): Promise<LoadResult> => {
  const autocannon = await loadAutocannon();
  // Timed here from each response: autocannon's histogram records whole milliseconds, too coarse
  // for a p99 of 3–8 ms compared between two windows (snapshot-pause).
  const times: number[] = [];
  const result = await autocannon({ timeout: 30, ...options, duration: seconds }).on('response', (_c, status, _b, ms) => {
    if (status >= 200 && status < 300) times.push(ms);
  });
  times.sort((a, b) => a - b);
  /** Nearest-rank percentile; autocannon's own when nothing answered 2xx. */
  const percentile = (q: number, fallback: number) =>
    times.length === 0 ? fallback : times[Math.max(0, Math.ceil(q * times.length) - 1)]!;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    rps: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50: percentile(0.5, result.latency.p50),
    p99: percentile(0.99, result.latency.p99),
    statusCodes,
  };
};
