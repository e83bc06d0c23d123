import type { Figure, FigureRow } from './types.js';

/** A target checked against the measured value and its ratio to the baseline; null: reported, not judged. */
export interface Target {
  readonly text: string;
  check(value: number, ratio: number): boolean | null;
}

/** No target: the figure is reported for comparison (its `pass` is null, its result `reported`). */
export const reportedOnly: Target = { text: 'none (reported)', check: () => null };

export const ratioAtLeast = (min: number): Target => ({ text: `ratio ≥ ${min}`, check: (_, ratio) => ratio >= min });

export const ratioAtMost = (max: number): Target => ({ text: `ratio ≤ ${max}`, check: (_, ratio) => ratio <= max });

/** Both targets met (e.g. a latency under a bound and within a ratio of its baseline). */
export const both = (a: Target, b: Target): Target => ({
  text: `${a.text} and ${b.text}`,
  check: (value, ratio) => {
    const [x, y] = [a.check(value, ratio), b.check(value, ratio)];
    return x === null || y === null ? null : x && y;
  },
});

export const valueAtLeast = (min: number, unit: string): Target => ({
  text: `≥ ${min.toLocaleString('en-US')} ${unit}`,
  check: (value) => value >= min,
});

export const valueBelow = (max: number, unit: string): Target => ({
  text: `< ${max.toLocaleString('en-US')} ${unit}`,
  check: (value) => value < max,
});

/** A measured row: the ratio and the verdict are computed here, the same way for every figure. */
export const measured = (r: {
  name: string;
  title: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  target: Target;
  notes?: string;
}): FigureRow => {
  const ratio = r.baselineValue > 0 ? r.value / r.baselineValue : Number.NaN;
  return {
    name: r.name,
    title: r.title,
    status: 'measured',
    value: r.value,
    unit: r.unit,
    baseline: r.baseline,
    baselineValue: r.baselineValue,
    ratio: Number.isFinite(ratio) ? ratio : null,
    target: r.target.text,
    pass: Number.isFinite(r.value) && r.target.check(r.value, ratio),
    notes: r.notes ?? '',
  };
};

/** Every row of a figure that was not measured, with the reason. */
export const unmeasured = (figure: Pick<Figure, 'rows'>, status: 'skipped' | 'failed', reason: string): FigureRow[] =>
  figure.rows.map((r) => ({
    ...r,
    status,
    value: null,
    baselineValue: null,
    ratio: null,
    pass: null,
    notes: reason,
  }));
