import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One data row of a file: its 1-based number (the header excluded) and its cells by column name. */
export interface SourceRow {
  readonly row: number;
  readonly record: Readonly<Record<string, string>>;
  /** Why the row could not be read as a record (a cell count that differs from the header's). */
  readonly problem?: string;
}

/** The file's first line, once read: the columns the rows are keyed by. */
export interface RowSource {
  readonly columns: () => readonly string[];
  readonly rows: AsyncIterable<SourceRow>;
}

/**
 * The rows of a CSV stream (RFC 4180, as `csv-parse` reads it: quoted fields with commas,
 * quotes and line breaks; a UTF-8 byte order mark dropped), one at a time: memory stays flat
 * whatever the file's size, and backpressure reaches the reader. A row whose cell count
 * differs from the header's is yielded with a `problem`, not dropped, and the rows after it
 * go on; text that is not CSV at all (an unclosed quote) ends the iteration with an error.
 */
export const csvRows = (input: Readable): RowSource => {
  let header: string[] = [];
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  input.on('error', (error) => parser.destroy(error));
  async function* rows(): AsyncGenerator<SourceRow> {
    let n = 0;
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (header.length === 0) {
        header = cells.map((c) => c.trim());
        continue;
      }
      n++;
      const record = Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
      yield cells.length === header.length
        ? { row: n, record }
        : { row: n, record, problem: `the row has ${cells.length} cells, the header ${header.length}` };
    }
  }
  return { columns: () => header, rows: rows() };
};
