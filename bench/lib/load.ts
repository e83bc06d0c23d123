import { type AutocannonOptions, loadAutocannon } from './benchDeps.js';

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  readonly rps: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Milliseconds. */
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
  const result = await autocannon({ timeout: 30, ...options, duration: seconds });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    rps: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCodes,
  };
};
