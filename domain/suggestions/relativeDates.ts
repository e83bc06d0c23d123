import type { ValidTime } from '../dates.js';
import type { CueHit } from './cues.js';
import { RELATIVE_DATES } from './lexicon.js';

/**
 * Valid times read from the text, relative to the article's publication day (issue 15 §2):
 * `أمس` (yesterday), `الثلاثاء` (the last Tuesday on or before publication), "weeks
 * earlier" (approximate, to the month). Calendar arithmetic on day numbers (days since
 * 1970-01-01, proleptic Gregorian), so the domain needs no `Date` and no clock.
 */
export interface DateHit {
  readonly validTime: ValidTime;
  readonly start: number;
  readonly end: number;
}

/**
 * Reads dates in one language's words (English: chrono-node, supplied by the services, which
 * own `Date`): every date in `sentence`, with offsets inside it, given the publication day.
 */
export type DateReader = (sentence: string, publishedDay: string) => DateHit[];

/** Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`). */
export const dayNumber = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

/** The civil date `YYYY-MM-DD` of a day number (`civil_from_days`). */
export const civilDate = (days: number): string => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** 0 = Sunday. 1970-01-01 was a Thursday. */
export const weekdayOf = (days: number): number => (((days + 4) % 7) + 7) % 7;

/** The publication day as a day number, from `publishedAt` (`YYYY-MM-DD…`), or undefined. */
export const publicationDay = (publishedAt: string): number | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = dayNumber(y, mo, d);
  return civilDate(days) === m[0] ? days : undefined;
};

/** The Arabic (and lexicon-listed English) relative dates among the cues, resolved against the publication day. */
export const relativeDates = (cues: readonly CueHit[], published: number): DateHit[] =>
  cues.flatMap((cue): DateHit[] => {
    const span = { start: cue.start, end: cue.end };
    if (cue.value.type === 'weekday') {
      const back = (weekdayOf(published) - cue.value.weekday + 7) % 7;
      return [{ validTime: { date: civilDate(published - back), approximate: false }, ...span }];
    }
    if (cue.value.type !== 'relativeDate') return [];
    const rule = RELATIVE_DATES[cue.value.index]!;
    const day = civilDate(published - rule.days);
    return [{ validTime: { date: rule.precision === 'month' ? day.slice(0, 7) : day, approximate: rule.approximate }, ...span }];
  });
