/**
 * Business days for suspenses (SPEC section 11): weekends and the U.S.
 * federal holidays of 5 U.S.C. 6103 are skipped, with the observed-day rules
 * (a holiday on a Saturday is observed the Friday before, on a Sunday the
 * Monday after). Calendar arithmetic in UTC, as everywhere in dates.ts.
 */

const DAY = 86_400_000;

function utc(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d);
}

/** The `n`th `weekday` (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(y: number, m: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = new Date(utc(y, m, 1)).getUTCDay();
    return utc(y, m, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = new Date(utc(y, m, lastDay)).getUTCDay();
  return utc(y, m, lastDay - ((last - weekday + 7) % 7));
}

function observed(time: number): number {
  const day = new Date(time).getUTCDay();
  return day === 6 ? time - DAY : day === 0 ? time + DAY : time;
}

/** The observed federal holidays of year `y` (as UTC midnights). */
export function federalHolidays(y: number): number[] {
  const fixed = [[1, 1], [7, 4], [11, 11], [12, 25], ...(y >= 2021 ? [[6, 19]] : [])].map(
    ([m, d]) => observed(utc(y, m!, d!)),
  );
  return [
    ...fixed,
    nthWeekday(y, 1, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(y, 2, 1, 3), // Washington's Birthday
    nthWeekday(y, 5, 1, -1), // Memorial Day
    nthWeekday(y, 9, 1, 1), // Labor Day
    nthWeekday(y, 10, 1, 2), // Columbus Day
    nthWeekday(y, 11, 4, 4), // Thanksgiving Day
  ].sort((a, b) => a - b);
}

/** Is `date` (YYYY-MM-DD) a business day? */
export function isBusinessDay(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  const y = new Date(time).getUTCFullYear();
  const day = new Date(time).getUTCDay();
  if (day === 0 || day === 6) return false;
  // New Year's Day of the next year may be observed on 31 December.
  return ![...federalHolidays(y), ...federalHolidays(y + 1)].includes(time);
}

/** The date `days` business days after `date` (the tasking date itself is day 0). */
export function addBusinessDays(date: string, days: number): string {
  let time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time)) throw new RangeError(`not a date: ${date}`);
  let left = days;
  while (left > 0) {
    time += DAY;
    if (isBusinessDay(new Date(time).toISOString().slice(0, 10))) left -= 1;
  }
  return new Date(time).toISOString().slice(0, 10);
}
