import type { Direction, LogFilter } from '../port.js';
import { EVENT_COLUMNS, type EventRow, READABLE_BOUND } from './rows.js';

/** A query and its parameters. */
export interface Query {
  readonly text: string;
  readonly values: unknown[];
}

/**
 * The global log, strictly after (forwards) or before (backwards) `after`, matching
 * `filter`, as one statement: one snapshot decides both what is readable and what is read.
 * Only events below {@link READABLE_BOUND} are returned, in position order — (transaction
 * id, sequence) — so a reader that has seen a position never later finds an event below it,
 * however transactions commit (DESIGN.md, "Stores beyond one machine"). An event whose
 * transaction started before another still running is held back until that one ends; it is
 * never skipped.
 */
export const readLogQuery = (
  direction: Direction,
  after: bigint | undefined,
  limit: number | undefined,
  filter: LogFilter | undefined,
): Query | undefined => {
  const categories = filter?.categories && [...new Set(filter.categories)];
  const types = filter?.types && [...new Set(filter.types)];
  if (categories?.length === 0 || types?.length === 0) return undefined;
  const forwards = direction === 'forwards';
  const values: unknown[] = [];
  const where = [`position < ${READABLE_BOUND}`];
  if (after !== undefined) {
    values.push(after.toString());
    where.push(forwards ? `position > $${values.length}` : `position < $${values.length}`);
  }
  if (categories) {
    values.push(categories);
    where.push(`category = ANY ($${values.length}::text[])`);
  }
  if (types) {
    values.push(types);
    where.push(`type = ANY ($${values.length}::text[])`);
  }
  values.push(limit ?? null);
  return {
    text: `SELECT ${EVENT_COLUMNS} FROM sijill.events WHERE ${where.join(' AND ')}
           ORDER BY position ${forwards ? 'ASC' : 'DESC'} LIMIT $${values.length}`,
    values,
  };
};

export type { EventRow };
