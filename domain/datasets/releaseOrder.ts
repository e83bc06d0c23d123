/**
 * Numeric-aware collation: digit runs compare as numbers ("23.2" < "23.10"), the rest as text.
 * Built once; `Intl.Collator` is pure (no clock, no I/O).
 */
const collator = new Intl.Collator('en', { numeric: true });

/**
 * The order of two releases of one dataset: negative when `a` came out before `b`, 0 when
 * they are the same release, positive when `a` is the newer (DESIGN "Datasets and their
 * releases"; issue 11). Releases are compared as the datasets name them, with a numeric-aware
 * collation (`Intl.Collator('en', { numeric: true })`), which orders both naming schemes:
 * - UCDP numbers its GED releases `YY.N` (19.1, 23.1, 23.2) and its monthly candidates
 *   `YY.0.N` (23.0.1 … 23.0.12, before 23.1) — UCDP GED codebook, "Versions":
 *   19.1 < 23.0.1 < 23.0.12 < 23.1 < 23.2 < 23.10;
 * - ACLED exports are dated (`2024-05-01`): ISO dates sort as dates.
 */
export const compareReleases = (a: string, b: string): number => collator.compare(a.trim(), b.trim());

/** Whether release `a` came out before release `b` (`compareReleases(a, b) < 0`). */
export const isOlderRelease = (a: string, b: string): boolean => compareReleases(a, b) < 0;
