import { type PreparedNames, prepareNames, prepareQuery, rankNames, rankOrder } from '../../domain/nameSearch.js';
import type { Names } from '../../domain/names.js';

/**
 * Prepared names by the `Names` object they were prepared from. The registry replaces an
 * entity's `Names` object when it is renamed (`projections/registry.ts`) and never mutates
 * one, so a cached entry is never stale; entries go with their objects.
 */
const prepared = new WeakMap<Names, PreparedNames>();

const preparedOf = (names: Names): PreparedNames => {
  let entry = prepared.get(names);
  if (entry === undefined) {
    entry = prepareNames(names);
    prepared.set(names, entry);
  }
  return entry;
};

/**
 * The entities whose names the query finds, best match first (`domain/nameSearch.ts`: exact,
 * then variant or alias, then folded whole name, whole words, word prefixes); entities of the
 * same rank stay in the order given (registration order). A query with nothing searchable in
 * it (only punctuation) finds nothing.
 */
export const searchByName = <T>(items: Iterable<T>, query: string, namesOf: (item: T) => Names): T[] => {
  const q = prepareQuery(query);
  const found: { item: T; order: number; index: number }[] = [];
  let index = 0;
  for (const item of items) {
    const rank = rankNames(q, preparedOf(namesOf(item)));
    if (rank !== undefined) found.push({ item, order: rankOrder(rank), index });
    index++;
  }
  return found.sort((a, b) => a.order - b.order || a.index - b.index).map(({ item }) => item);
};
