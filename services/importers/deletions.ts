import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** The columns that name the external id in a deletions CSV. */
const ID_COLUMNS = ['id', 'event_id_cnty', 'external_id', 'externalid'];

/**
 * The external ids of a release's deletions list, streamed: one id a line, or a CSV whose
 * header has an `id` (UCDP) or `event_id_cnty` (ACLED) column. `row` is the 1-based line of
 * data (a header excluded), for the report.
 */
export async function* deletionIds(input: Readable): AsyncGenerator<{ row: number; id: string }> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  input.on('error', (error) => parser.destroy(error));
  let column: number | undefined;
  let row = 0;
  let first = true;
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (first) {
      first = false;
      const header = cells.findIndex((c) => ID_COLUMNS.includes(c.toLowerCase()));
      if (header !== -1) {
        column = header;
        continue;
      }
    }
    row++;
    const id = cells[column ?? 0]?.trim();
    if (id) yield { row, id };
  }
}
