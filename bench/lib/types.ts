/** One line of the results table: a figure measured next to a baseline from the same run. */
export interface FigureRow {
  /** Stable name, e.g. `append-single`. */
  readonly name: string;
  /** What is measured, in a few words. */
  readonly title: string;
  /** `skipped` carries the reason in `notes`; `failed` the error. */
  readonly status: 'measured' | 'skipped' | 'failed';
  readonly value: number | null;
  readonly unit: string;
  /** What the baseline is. */
  readonly baseline: string;
  /** The baseline measured in the same run, in the same unit. */
  readonly baselineValue: number | null;
  /** value / baselineValue. */
  readonly ratio: number | null;
  /** The target, in words (`ratio ≥ 0.7`, `≥ 3,000 claims/s`). */
  readonly target: string;
  /** Whether the target was met; null when not measured. */
  readonly pass: boolean | null;
  readonly notes: string;
}

export interface FigureContext {
  /** Small sizes and short rounds: the suite keeps working, the figures mean little. */
  readonly quick: boolean;
  /** A temporary folder shared by the figures of one run (datasets are generated here once). */
  readonly workDir: string;
  /** Progress for the operator, on stderr. */
  log(message: string): void;
}

/** A figure: one file in `bench/figures/`, run in its own process. It may report several rows. */
export interface Figure {
  readonly name: string;
  readonly title: string;
  /** The rows it reports (so a crash or a skip still lists every one). */
  readonly rows: readonly { name: string; title: string; unit: string; baseline: string; target: string }[];
  run(context: FigureContext): Promise<FigureRow[]>;
}
