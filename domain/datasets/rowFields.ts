import { partialDateProblem } from '../dates.js';
import type { RowProblem } from './datasetEvent.js';

/**
 * Reading the cells of a CSV row: each reader returns the value or records why the cell
 * cannot be read (the column and the reason), so a row's problems are all reported at once.
 */
export class RowReader {
  readonly problems: RowProblem[] = [];
  /** What the mapping had to change in a readable row (a text cut to its limit), for the report. */
  readonly notes: string[] = [];
  constructor(private readonly row: Readonly<Record<string, string | undefined>>) {}

  /** The cell trimmed; undefined when empty. */
  text(field: string): string | undefined {
    const value = this.row[field]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  required(field: string): string {
    const value = this.text(field);
    if (value === undefined) this.problems.push({ field, reason: 'is empty' });
    return value ?? '';
  }

  /** A whole number ≥ 0, or undefined when the cell is empty. */
  count(field: string): number | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) {
      this.problems.push({ field, reason: `${JSON.stringify(value)} is not a whole number ≥ 0` });
      return undefined;
    }
    return Number(value);
  }

  /** A number within [min, max], or undefined when the cell is empty. */
  number(field: string, min: number, max: number): number | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) {
      this.problems.push({ field, reason: `${JSON.stringify(value)} is not a number between ${min} and ${max}` });
      return undefined;
    }
    return n;
  }

  /** A calendar day `YYYY-MM-DD` (a time after it, as some exports add, is dropped). */
  day(field: string): string | undefined {
    const value = this.text(field);
    if (value === undefined) {
      this.problems.push({ field, reason: 'is empty' });
      return undefined;
    }
    const day = /^\d{4}-\d{2}-\d{2}(?:[ T].*)?$/.test(value) ? value.slice(0, 10) : undefined;
    const problem = day === undefined ? 'must be a date YYYY-MM-DD' : partialDateProblem(day);
    if (problem) {
      this.problems.push({ field, reason: `${JSON.stringify(value)}: ${problem}` });
      return undefined;
    }
    return day;
  }

  /** The value of a code table, or a problem naming the codes the codebook defines. */
  code<T>(field: string, table: Readonly<Record<string, T>>): { code: string; value: T } | undefined {
    const code = this.required(field);
    if (code === '') return undefined;
    const value = table[code];
    if (value === undefined) {
      this.problems.push({ field, reason: `code ${JSON.stringify(code)} is not one of ${Object.keys(table).join(', ')}` });
      return undefined;
    }
    return { code, value };
  }

  /**
   * `text` cut to `max` characters as `clip` does, noting the cut under `field` (the column,
   * or the claim field it fills): "source_article cut to 4,000 characters".
   */
  clip(field: string, text: string | undefined, max: number): string | undefined {
    const clipped = clip(text, max);
    if (clipped !== undefined && clipped !== text?.trim()) this.notes.push(cutNote(field, max));
    return clipped;
  }

  problem(field: string, reason: string): void {
    this.problems.push({ field, reason });
  }
}

/** `;`-separated parts, trimmed, empty ones left out. */
export const listOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The report's words for a text cut to its limit: `source_article cut to 4,000 characters`. */
export const cutNote = (field: string, max: number): string =>
  `${field} cut to ${String(max).replace(/\B(?=(\d{3})+$)/g, ',')} characters`;

/** `text` cut to `max` characters (at a character boundary, the last one `…`), or undefined when empty. */
export const clip = (text: string | undefined, max: number): string | undefined => {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  // A string of at most `max` UTF-16 units has at most `max` characters: nothing to cut, and no
  // need to split it into characters (every text cell of every row comes through here).
  if (trimmed.length <= max) return trimmed;
  const chars = [...trimmed];
  return chars.length <= max ? trimmed : `${chars.slice(0, max - 1).join('')}…`;
};
