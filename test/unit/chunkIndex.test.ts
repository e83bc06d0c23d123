import { describe, expect, it } from 'vitest';
import { ChunkIndex, ReusedList } from '../../services/readmodels/claimsPacking.js';

/**
 * The snapshot packer's per-chunk string numbering (issue 14): each chunk's table lists each
 * value once and numbers it from 0, whatever earlier chunks held, across the epochs at which
 * the index starts its chunk numbers again.
 */
describe('ChunkIndex', () => {
  it('numbers each chunk’s values from 0, once each, over 3,000 chunks', () => {
    const index = new ChunkIndex();
    const table = new ReusedList<string>();
    for (let chunk = 0; chunk < 3_000; chunk++) {
      index.nextChunk();
      // Values seen in earlier chunks, and new ones, in an order that changes per chunk.
      const values = [`v${chunk % 7}`, `v${(chunk * 3) % 11}`, `new-${chunk}`, `v${chunk % 7}`, 'always'];
      const indexes = values.map((v) => index.indexIn(table, v));
      const listed = table.take();
      expect(new Set(listed).size, `chunk ${chunk}`).toBe(listed.length);
      expect(
        indexes.map((i) => listed[i]),
        `chunk ${chunk}`,
      ).toEqual(values);
      expect(Math.max(...indexes)).toBe(listed.length - 1);
    }
  });

  it('still answers right past 2^20 values in one chunk, listing a recurring one again', () => {
    const index = new ChunkIndex();
    const table = new ReusedList<string>();
    index.nextChunk();
    for (let i = 0; i < 2 ** 20; i++) index.indexIn(table, `s${i}`);
    const late = index.indexIn(table, 'late');
    const again = index.indexIn(table, 'late');
    expect(index.indexIn(table, 's5')).toBe(5);
    const listed = table.take();
    expect(listed[late]).toBe('late');
    expect(listed[again]).toBe('late');
    expect(listed.length).toBe(2 ** 20 + 2);
  });
});

describe('ReusedList', () => {
  it('hands out what was put since the last take, at its exact size, and is empty after', () => {
    const list = new ReusedList<number>();
    for (let i = 0; i < 10; i++) list.put(i);
    const first = list.take();
    expect(first).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    list.put(42);
    expect(list.length).toBe(1);
    expect(list.take()).toEqual([42]);
    expect(first).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(list.take()).toEqual([]);
  });
});
