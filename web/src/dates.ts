/** Calendar days as UTC dates (YYYY-MM-DD) and day numbers since 1970-01-01. */
const DAY_MS = 86_400_000;

export const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => dateOf(dayNumber(date) + days);

const LONG = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "14 November 2018". */
export const longDate = (date: string): string => LONG.format(new Date(`${date}T00:00:00Z`));

const INSTANT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
/** "14 Nov 2018, 10:02:03 UTC". */
export const instantText = (iso: string): string => `${INSTANT.format(new Date(iso))} UTC`;
