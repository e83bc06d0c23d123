import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

/** `../shared/realdata/` beside the repository: the real public files (SOURCES.md there). */
export const REALDATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'realdata');

/** The real UCDP GED 23.1 sample (1,000 rows, 49 columns) the generated rows are made from. */
export const GED_231_SAMPLE = join(REALDATA, 'ucdp_ged231_sample_1000.csv');

/** How far apart the ids of two copies of a row are: above every real GED id (the largest is under 10 million). */
const ID_STRIDE = 10_000_000;

/**
 * Writes `rows` GED-shaped rows to `path` by repeating the real 23.1 sample: copy k of a row
 * gets id `id + k·10⁷` (so every row is a new event to the importer), a `relid` with `-k`
 * appended, and its fatality counts varied by `k mod 3` (best and high raised together, so
 * low ≤ best ≤ high still holds). Places, actors and sources repeat, as they do in a real
 * release. Streams both ways: the file is never held whole.
 */
export const writeGedRows = async (path: string, rows: number): Promise<void> => {
  let written = 0;
  let copy = 0;
  const out = stringify({ header: true });
  const done = pipeline(out, createWriteStream(path));
  while (written < rows) {
    const parser = createReadStream(GED_231_SAMPLE).pipe(parse({ columns: true }));
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      if (written >= rows) break;
      const extra = copy % 3;
      const raise = (value: string | undefined) => (value === undefined || value === '' ? value : String(Number(value) + extra));
      const varied: Record<string, string | undefined> = {
        ...record,
        id: String(Number(record.id) + copy * ID_STRIDE),
        relid: `${record.relid}-${copy}`,
        best: raise(record.best),
        high: raise(record.high),
      };
      if (!out.write(varied)) await new Promise((resolve) => out.once('drain', resolve));
      written++;
    }
    parser.destroy();
    copy++;
  }
  out.end();
  await done;
};
