import { describe, expect, it } from 'vitest';
import { CalendarDate, partialDateProblem, precisionOf, startOf, ValidTime } from '../../domain/dates.js';

describe('partial dates', () => {
  it.each([
    ['2018', 'a year'],
    ['2018-11', 'a month'],
    ['2018-11-13', 'a day'],
    ['2020-02-29', 'a leap day'],
    ['2000-02-29', 'a leap day of a year divisible by 400'],
    ['2018-12-31', 'the last day of a year'],
  ])('%s is valid (%s)', (text) => {
    expect(partialDateProblem(text)).toBeUndefined();
  });

  it.each([
    ['2018-02-30', 'a day February never has'],
    ['2019-02-29', 'a leap day of a common year'],
    ['1900-02-29', 'a leap day of a century year not divisible by 400'],
    ['2018-04-31', 'a 31st in a 30-day month'],
    ['2018-13', 'month 13'],
    ['2018-00-01', 'month 0'],
    ['2018-11-00', 'day 0'],
    ['0000', 'year 0'],
    ['18-11', 'a two-digit year'],
    ['2018-1-5', 'single-digit month and day'],
    ['2018-11-13T00:00Z', 'an instant'],
    ['', 'nothing'],
    [' 2018', 'a leading space'],
  ])('%s is invalid (%s)', (text) => {
    expect(partialDateProblem(text)).toEqual(expect.any(String));
  });

  it('names the missing day in its problem', () => {
    expect(partialDateProblem('2018-02-30')).toMatch(/day 30/);
  });

  it.each([
    ['2018', '2018-01-01', 'year'],
    ['2018-11', '2018-11-01', 'month'],
    ['2018-11-13', '2018-11-13', 'day'],
  ] as const)('%s starts on %s and has %s precision', (text, start, precision) => {
    expect(startOf(text)).toBe(start);
    expect(precisionOf(text)).toBe(precision);
  });

  it('a partial date sorts before the days it covers, by its start', () => {
    expect(['2018-11-13', '2018-11', '2018', '2018-10-31'].map(startOf).sort()).toEqual([
      '2018-01-01',
      '2018-10-31',
      '2018-11-01',
      '2018-11-13',
    ]);
  });
});

describe('ValidTime and CalendarDate schemas', () => {
  it('ValidTime is exact unless said otherwise', () => {
    expect(ValidTime.parse({ date: '2018-11' })).toEqual({ date: '2018-11', approximate: false });
    expect(ValidTime.safeParse({ date: '2018-02-30' }).success).toBe(false);
  });

  it('CalendarDate wants a full day that exists', () => {
    expect(CalendarDate.safeParse('2018-11-13').success).toBe(true);
    expect(CalendarDate.safeParse('2018-11').success).toBe(false);
    expect(CalendarDate.safeParse('2019-02-29').success).toBe(false);
  });
});
