/**
 * Calendar dates (YYYY-MM-DD) and ISO 8601 durations. Date-only fields are
 * calendar dates, never instants: all arithmetic is on the calendar, in UTC,
 * so the machine's time zone never changes an answer.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Is `text` a real calendar date (2018-02-30 is not)? */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

export function parseDuration(text: string): Duration | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  return {
    years: Number(m[1] ?? 0),
    months: Number(m[2] ?? 0),
    weeks: Number(m[3] ?? 0),
    days: Number(m[4] ?? 0),
  };
}

/** `date` minus `duration`, on the calendar (month ends clamp: 03-31 − P1M = 02-28). */
export function subtractDuration(date: string, duration: Duration): string {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  let y = Number(m[1]) - duration.years;
  let mo = Number(m[2]) - 1 - duration.months;
  y += Math.floor(mo / 12);
  mo = ((mo % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), lastDay);
  const t = Date.UTC(y, mo, d) - (duration.weeks * 7 + duration.days) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Today's calendar date where the user is. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
