import { describe, expect, it } from 'vitest';
import { Grade, type Grade as GradeType, gradeOf, meetsMinimum } from '../../domain/grades.js';

describe('Admiralty grades', () => {
  const table: [GradeType, GradeType, boolean, string][] = [
    ['B2', 'B3', true, 'better credibility, same reliability'],
    ['B3', 'B3', true, 'equal'],
    ['A1', 'B3', true, 'better on both axes'],
    ['C3', 'B3', false, 'worse reliability'],
    ['B4', 'B3', false, 'worse credibility'],
    ['A4', 'B3', false, 'better reliability cannot make up for worse credibility'],
    ['F1', 'E6', false, 'F (cannot be judged) ranks below E'],
    ['A6', 'F5', false, '6 (cannot be judged) ranks below 5'],
    ['F6', 'F6', true, 'the weakest grade meets itself'],
  ];
  it.each(table)('%s meets minimum %s: %s (%s)', (grade, minimum, expected) => {
    expect(meetsMinimum(grade, minimum)).toBe(expected);
  });

  it('combines reliability and credibility', () => {
    expect(gradeOf('B', 2)).toBe('B2');
  });

  it.each(['B2', 'F6', 'A1'])('%s is a grade', (text) => {
    expect(Grade.safeParse(text).success).toBe(true);
  });

  it.each(['G1', 'A7', 'A0', 'b2', 'B', '2B', 'B23'])('%s is not a grade', (text) => {
    expect(Grade.safeParse(text).success).toBe(false);
  });
});
