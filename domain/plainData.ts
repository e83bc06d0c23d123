/**
 * Event data is plain JSON: an absent optional field and one set to `undefined` mean the
 * same thing (JSON drops the latter), so comparisons and the data we emit ignore them.
 */

type Plain = unknown;

const isRecord = (value: Plain): value is Record<string, Plain> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const definedKeys = (record: Record<string, Plain>): string[] =>
  Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();

/** Structural equality of JSON-like data; object key order and `undefined` fields do not matter, array order does. */
export const sameData = (a: Plain, b: Plain): boolean => {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = definedKeys(a);
    const otherKeys = definedKeys(b);
    return keys.length === otherKeys.length && keys.every((key, i) => key === otherKeys[i] && sameData(a[key], b[key]));
  }
  return false;
};

/** The top-level fields whose values differ, for naming them in an error. */
export const differingFields = (a: Record<string, Plain>, b: Record<string, Plain>): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !sameData(a[key], b[key])).sort();

/** The record without its `undefined` fields, so emitted events say only what they mean. */
export const withoutUndefined = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;

/**
 * `value` with its object keys in the order `model` has them (deeply; keys `model` lacks come
 * after, in `value`'s order). JSON key order carries no meaning, but a stored event's bytes
 * are what an export reproduces: data normalised by its schema keeps the writer's order.
 */
export const withKeyOrderOf = <T>(value: T, model: Plain): T => {
  if (Array.isArray(value)) {
    return (Array.isArray(model) ? value.map((item, i) => withKeyOrderOf(item, model[i])) : value) as T;
  }
  if (!isRecord(value) || !isRecord(model)) return value;
  const keys = [
    ...Object.keys(model).filter((key) => Object.hasOwn(value, key)),
    ...Object.keys(value).filter((key) => !Object.hasOwn(model, key)),
  ];
  return Object.fromEntries(keys.map((key) => [key, withKeyOrderOf(value[key], model[key])])) as T;
};
