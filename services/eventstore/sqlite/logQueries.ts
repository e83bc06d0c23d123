import type Database from 'better-sqlite3';
import type { Direction, LogFilter } from '../port.js';
import { EVENT_COLUMNS, type EventRow } from './rows.js';

/** Above every position: the default bound of a backwards read. */
const MAX_POSITION = 9_223_372_036_854_775_807n;

/** Statements for reading the global log, one per shape of filter, prepared on first use. */
export class LogQueries {
  readonly #cache = new Map<string, Database.Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database.Database) {}

  /** Events strictly after (forwards) or before (backwards) `after`, matching `filter`. */
  read(direction: Direction, after: bigint | undefined, limit: number, filter: LogFilter | undefined): EventRow[] {
    const categories = filter?.categories && [...new Set(filter.categories)];
    const types = filter?.types && [...new Set(filter.types)];
    if (categories?.length === 0 || types?.length === 0) return [];
    const forwards = direction === 'forwards';
    const bound = after ?? (forwards ? 0n : MAX_POSITION);
    const query = (cats: string[] | undefined, tys: string[] | undefined) =>
      this.#statement(forwards, cats?.length, tys?.length).all(bound, ...(cats ?? []), ...(tys ?? []), limit);
    // `x IN (a, b)` makes SQLite sort every match after `bound` to honour ORDER BY, a full
    // sort per page for a subscription far behind. One index-ordered query per value,
    // merged here, reads at most `limit` rows from each.
    if (categories && categories.length > 1)
      return merge(
        categories.map((c) => query([c], types)),
        forwards,
        limit,
      );
    if (!categories && types && types.length > 1)
      return merge(
        types.map((t) => query(undefined, [t])),
        forwards,
        limit,
      );
    return query(categories, types);
  }

  #statement(forwards: boolean, categories: number | undefined, types: number | undefined) {
    const key = `${forwards}:${categories}:${types}`;
    let statement = this.#cache.get(key);
    if (!statement) {
      const where = [forwards ? 'position > ?' : 'position < ?'];
      if (categories) where.push(`category IN (${placeholders(categories)})`);
      if (types) where.push(`type IN (${placeholders(types)})`);
      const order = forwards ? 'ASC' : 'DESC';
      const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position ${order} LIMIT ?`;
      statement = this.db.prepare<unknown[], EventRow>(sql);
      // The key space is small (two list lengths), but a caller could vary them endlessly.
      if (this.#cache.size > 256) this.#cache.clear();
      this.#cache.set(key, statement);
    }
    return statement;
  }
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Disjoint position-ordered runs (categories and types partition the log) merged into one, cut to `limit` (-1: none). */
const merge = (runs: EventRow[][], forwards: boolean, limit: number): EventRow[] => {
  const rows = runs.flat().sort((a, b) => (a.position < b.position ? -1 : 1) * (forwards ? 1 : -1));
  return limit < 0 ? rows : rows.slice(0, limit);
};
