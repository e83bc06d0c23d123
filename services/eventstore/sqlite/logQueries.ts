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
    const { categories, types } = filter ?? {};
    if (categories?.length === 0 || types?.length === 0) return [];
    const forwards = direction === 'forwards';
    const bound = after ?? (forwards ? 0n : MAX_POSITION);
    return this.#statement(forwards, categories?.length, types?.length).all(
      bound,
      ...(categories ?? []),
      ...(types ?? []),
      limit,
    );
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
