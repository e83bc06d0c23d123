import { describe, expect, it } from 'vitest';
import { clip } from '../../domain/datasets/rowFields.js';

describe('clip (a dataset cell cut to its limit, in characters)', () => {
  it('keeps text within the limit as it is, trimmed; empty is undefined', () => {
    expect(clip('  Reuters 2017-10-12; SOHR ', 40)).toBe('Reuters 2017-10-12; SOHR');
    expect(clip('abcde', 5)).toBe('abcde');
    expect(clip('   ', 5)).toBeUndefined();
    expect(clip(undefined, 5)).toBeUndefined();
  });

  it('counts characters, not UTF-16 units: astral letters within the limit are kept whole', () => {
    // Four characters, eight UTF-16 units.
    expect(clip('𝐀𝐁𝐂𝐃', 4)).toBe('𝐀𝐁𝐂𝐃');
    expect(clip('𝐀𝐁𝐂𝐃', 3)).toBe('𝐀𝐁…');
  });

  it('cuts longer text at a character boundary, the last character an ellipsis', () => {
    expect(clip('دير الزور', 5)).toBe('دير …');
    expect(clip('x'.repeat(4_001), 4_000)).toBe(`${'x'.repeat(3_999)}…`);
  });
});
