/** Memory of this process after a full garbage collection (needs `--expose-gc`), in MiB. */
export const memoryAfterGc = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  const mib = (n: number) => n / 2 ** 20;
  return {
    rssMiB: mib(m.rss),
    heapUsedMiB: mib(m.heapUsed),
    externalMiB: mib(m.external),
    /** Peak resident set over the life of the process. */
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    collected: gc !== undefined,
  };
};
export type Memory = ReturnType<typeof memoryAfterGc>;
