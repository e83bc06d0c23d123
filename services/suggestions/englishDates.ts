import * as chrono from 'chrono-node';
import type { DateHit, DateReader } from '../../domain/suggestions/relativeDates.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * English dates in a sentence, read by chrono-node relative to the publication day (UTC
 * noon, so no time zone moves the day): "yesterday", "on Tuesday", "13 November 2018",
 * "in October". A day chrono only implies (a bare month, a weekday) is given to the month
 * and marked approximate — except a weekday, which names its day: the last one on or before
 * publication (`forwardDate: false`), as news means it.
 */
export const readEnglishDates: DateReader = (sentence, publishedDay) => {
  const [y, m, d] = publishedDay.split('-').map(Number);
  if (!y || !m || !d) return [];
  const instant = new Date(Date.UTC(y, m - 1, d, 12));
  return chrono.parse(sentence, { instant, timezone: 0 }, { forwardDate: false }).flatMap((result): DateHit[] => {
    const start = result.start;
    const year = start.get('year');
    const month = start.get('month');
    const day = start.get('day');
    if (!year || !month || !day) return [];
    const dayKnown = start.isCertain('day') || start.isCertain('weekday');
    const date = dayKnown ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
    // A day in the future of the article is not what the article reports.
    if (`${year}-${pad(month)}-${pad(day)}` > publishedDay && dayKnown) return [];
    const approximate = !dayKnown && !start.isCertain('month');
    return [{ validTime: { date, approximate }, start: result.index, end: result.index + result.text.length }];
  });
};
