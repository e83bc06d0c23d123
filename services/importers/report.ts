import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/**
 * What became of a row: a claim recorded, found as it was, corrected or retracted; left as it
 * was because the row's release is older than the one the claim reads from (`outdated`); a
 * place registered; or refused.
 */
export type RowOutcome = 'recorded' | 'registered' | 'unchanged' | 'corrected' | 'retracted' | 'outdated' | 'refused';

/**
 * One line of an import report: every row ends in exactly one (DESIGN "Importers"). `row` is
 * the 1-based data row (the header excluded; for a deletions list, its line); a refusal names
 * the column (`field`) and the reason; an `outdated` row names both releases in its reason.
 */
export interface ReportLine {
  readonly row: number;
  readonly externalId?: string;
  readonly outcome: RowOutcome;
  /** The entity the row became (`claim-ucdp-ged-300380`, `place-sy0705`). */
  readonly streamId?: string;
  readonly field?: string;
  readonly reason?: string;
  /**
   * What the import had to change in a row it wrote: a text cut to the length the ledger takes
   * (`source_article cut to 4,000 characters`), several joined by `; `.
   */
  readonly note?: string;
}

export type ReportFormat = 'ndjson' | 'csv';

export const REPORT_COLUMNS = ['row', 'externalId', 'outcome', 'streamId', 'field', 'reason', 'note'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const csvField = (value: unknown): string => {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A report written as it goes, to a stream, in NDJSON (one JSON object a line) or CSV (header first). */
export class ReportWriter {
  #lines = 0;
  constructor(
    private readonly out: Writable,
    readonly format: ReportFormat,
  ) {
    if (format === 'csv') out.write(`${REPORT_COLUMNS.join(',')}\r\n`);
  }

  get lines(): number {
    return this.#lines;
  }

  /** Write one line, waiting when the stream asks (backpressure: a report never piles up in memory). */
  async write(line: ReportLine): Promise<void> {
    this.#lines++;
    const text =
      this.format === 'csv' ? `${REPORT_COLUMNS.map((c) => csvField(line[c])).join(',')}\r\n` : `${JSON.stringify(line)}\n`;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    if (!this.out.writableFinished) await once(this.out, 'finish');
  }
}

/** The format a report path asks for: `.csv` → CSV, anything else NDJSON. */
export const reportFormatOf = (path: string): ReportFormat => (path.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');

/** A report to a file, in the format its extension names. */
export const reportToFile = (path: string): ReportWriter => new ReportWriter(createWriteStream(path), reportFormatOf(path));
