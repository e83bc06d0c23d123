import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openDbf } from 'shapefile';
import type { SourceRow } from './csvRows.js';

/** The attribute tables of a folder: COD-AB `*admin{n}.dbf`, country first, each level after its parent. */
const tablesOf = async (path: string): Promise<string[]> => {
  if (!(await stat(path)).isDirectory()) return [path];
  const files = (await readdir(path)).filter((f) => /admin\d\.dbf$/i.test(f));
  files.sort((a, b) => Number(/admin(\d)\.dbf$/i.exec(a)?.[1]) - Number(/admin(\d)\.dbf$/i.exec(b)?.[1]));
  return files.map((f) => join(path, f));
};

/**
 * The rows of shapefile attribute tables (`.dbf`, read with `shapefile`'s streaming reader as
 * UTF-8, as COD-AB's `.cpg` files say), one record at a time. `path` is one `.dbf` or a folder
 * of COD-AB tables, read country level first; rows are numbered across the tables in that order.
 */
export async function* dbfRows(path: string): AsyncGenerator<SourceRow> {
  let n = 0;
  for (const table of await tablesOf(path)) {
    const source = await openDbf(table, { encoding: 'utf-8' });
    for (let next = await source.read(); !next.done; next = await source.read()) {
      n++;
      const record = Object.fromEntries(
        Object.entries(next.value).map(([k, v]) => [
          k,
          v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v),
        ]),
      );
      yield { row: n, record };
    }
  }
}
