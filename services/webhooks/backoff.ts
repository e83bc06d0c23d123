/**
 * Exponential backoff with full jitter: the wait before retry n (n ≥ 1) is uniform in
 * [0, min(cap, base · 2^(n−1))]. Full jitter spreads the retries of many webhooks failing
 * together (a receiver coming back) instead of bunching them.
 */
export const backoffMs = (failedAttempts: number, baseMs: number, capMs: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 52));
  return Math.floor(random() * ceiling);
};

/** Resolve after `ms`, or as soon as `signal` aborts (then with `false`). */
export const pause = (ms: number, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
