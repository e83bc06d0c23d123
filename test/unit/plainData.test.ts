import { describe, expect, it } from 'vitest';
import { differingFields, sameData, withKeyOrderOf, withoutUndefined } from '../../domain/plainData.js';

type Row = [unknown, unknown, string];

describe('sameData: equality of event data as JSON would store it', () => {
  it.each<Row>([
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, 'key order does not matter'],
    [{ a: 1, b: undefined }, { a: 1 }, 'an undefined field is an absent field'],
    [{ n: { en: 'x', ar: undefined } }, { n: { en: 'x' } }, 'also when nested'],
    [[1, [2, { c: 3 }]], [1, [2, { c: 3 }]], 'nested arrays'],
  ])('%j ≡ %j (%s)', (a, b) => {
    expect(sameData(a, b)).toBe(true);
  });

  it.each<Row>([
    [['a', 'b'], ['b', 'a'], 'array order matters'],
    [{ a: 1 }, { a: 1, b: 2 }, 'an extra field'],
    [{ a: 1 }, { b: 1 }, 'different keys'],
    [{ a: null }, { a: undefined }, 'null is a value, undefined is absence'],
    [{ a: 1 }, { a: '1' }, 'no coercion'],
    [[1], { 0: 1 }, 'an array is not an object'],
    [[1, 2], [1], 'different lengths'],
  ])('%j ≢ %j (%s)', (a, b) => {
    expect(sameData(a, b)).toBe(false);
  });
});

describe('differingFields and withoutUndefined', () => {
  it('names the top-level fields that differ, sorted', () => {
    expect(differingFields({ kind: 'town', names: { en: 'a' }, id: 'x' }, { id: 'x', names: { en: 'b' }, kind: 'city' })).toEqual(
      ['kind', 'names'],
    );
  });

  it('drops undefined fields and keeps the rest, null included', () => {
    expect(withoutUndefined({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null });
    expect(Object.keys(withoutUndefined({ a: 1, b: undefined }))).toEqual(['a']);
  });
});

describe('withKeyOrderOf: normalised data in the order its writer gave', () => {
  it('orders keys as the model has them, deeply, and keeps keys the model lacks after them', () => {
    const value = { b: 1, a: { y: 2, x: 1 }, list: [{ q: 1, p: 2 }], filled: [] };
    const model = { a: { x: 0, y: 0, dropped: 1 }, b: 0, list: [{ p: 0, q: 0 }] };
    expect(JSON.stringify(withKeyOrderOf(value, model))).toBe('{"a":{"x":1,"y":2},"b":1,"list":[{"p":2,"q":1}],"filled":[]}');
  });

  it('leaves values alone where the model has another shape', () => {
    expect(withKeyOrderOf({ a: 1 }, 'text')).toEqual({ a: 1 });
    expect(withKeyOrderOf([1, 2], { a: 1 })).toEqual([1, 2]);
  });
});
