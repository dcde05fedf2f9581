/**
 * U.S. federal holidays and business days, computed for any year (no table of
 * years to run out). The legal public holidays are those of 5 U.S.C. 6103(a);
 * a holiday on a Saturday is observed on the Friday before and one on a
 * Sunday on the Monday after (5 U.S.C. 6103(b) and Executive Order 11582).
 * Juneteenth counts from 2021, when it became a legal holiday.
 *
 * Inauguration Day (20 January after a presidential election, 6103(c)) is not
 * counted: it is a holiday only for employees in the Washington, D.C. area,
 * and a suspense is a national deadline. One-off closures by executive order
 * (an extra day at Christmas, a day of mourning) are not law for every year
 * and are not counted either; an office given one can record an extension.
 *
 * All dates are calendar dates (YYYY-MM-DD) handled in UTC.
 */

const DAY = 86_400_000;

function utc(date: string): number {
  return Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The last calendar date a YYYY-MM-DD string can hold. */
const LAST_DATE = Date.UTC(9999, 11, 31);

/** The `n`th `weekday` (0 = Sunday) of a month (0-based), or the last when n = -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
    return Date.UTC(year, month, day);
  }
  const lastDate = new Date(Date.UTC(year, month + 1, 0));
  const back = (lastDate.getUTCDay() - weekday + 7) % 7;
  return lastDate.getTime() - back * DAY;
}

/** A fixed-date holiday moved to the day it is observed. */
function observed(t: number): number {
  const weekday = new Date(t).getUTCDay();
  if (weekday === 6) return t - DAY;
  if (weekday === 0) return t + DAY;
  return t;
}

export interface Holiday {
  /** The day it is observed (YYYY-MM-DD). */
  date: string;
  name: string;
  /** The legal date when the observed day differs (a weekend). */
  actual?: string;
}

const cache = new Map<number, Holiday[]>();

/**
 * The federal holidays of `year` as observed. New Year's Day of the next year
 * falling on a Saturday is observed on 31 December of this one, and listed here.
 */
export function federalHolidays(year: number): Holiday[] {
  const known = cache.get(year);
  if (known) return known;
  const list: Holiday[] = [];
  const fixed = (month: number, day: number, name: string, y = year) => {
    const actual = Date.UTC(y, month, day);
    const date = observed(actual);
    if (new Date(date).getUTCFullYear() !== year) return;
    list.push(
      date === actual ? { date: iso(date), name } : { date: iso(date), name, actual: iso(actual) },
    );
  };
  const floating = (month: number, weekday: number, n: number, name: string) =>
    list.push({ date: iso(nthWeekday(year, month, weekday, n)), name });
  fixed(0, 1, "New Year's Day");
  floating(0, 1, 3, "Birthday of Martin Luther King, Jr.");
  floating(1, 1, 3, "Washington's Birthday");
  floating(4, 1, -1, "Memorial Day");
  if (year >= 2021) fixed(5, 19, "Juneteenth National Independence Day");
  fixed(6, 4, "Independence Day");
  floating(8, 1, 1, "Labor Day");
  floating(9, 1, 2, "Columbus Day");
  fixed(10, 11, "Veterans Day");
  floating(10, 4, 4, "Thanksgiving Day");
  fixed(11, 25, "Christmas Day");
  fixed(0, 1, "New Year's Day", year + 1);
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(year, list);
  return list;
}

/** The holiday observed on `date`, if any. */
export function holidayOn(date: string): Holiday | undefined {
  return federalHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
}

/** Why `date` is not a business day ("a Saturday", "Christmas Day"), or undefined when it is one. */
export function nonBusinessReason(date: string): string | undefined {
  const weekday = new Date(utc(date)).getUTCDay();
  if (weekday === 6) return "a Saturday";
  if (weekday === 0) return "a Sunday";
  const holiday = holidayOn(date);
  if (holiday) return `a federal holiday (${holiday.name}${holiday.actual ? `, observed` : ""})`;
  return undefined;
}

export function isBusinessDay(date: string): boolean {
  return nonBusinessReason(date) === undefined;
}

/** The date `days` business days after `date` (the day itself is not counted). */
export function addBusinessDays(date: string, days: number): string {
  let t = utc(date);
  let left = days;
  while (left > 0) {
    t += DAY;
    // A hostile date near the end of the calendar: stop at its last day.
    if (!(t <= LAST_DATE)) return iso(LAST_DATE);
    if (isBusinessDay(iso(t))) left--;
  }
  return iso(t);
}
