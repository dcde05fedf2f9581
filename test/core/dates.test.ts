/**
 * Calendar dates and ISO 8601 durations: due dates count back from the
 * issuance date on the calendar, so month ends and leap years must come out
 * the way a person counting on a wall calendar would expect.
 */
import {
  isCalendarDate,
  localToday,
  parseDuration,
  subtractDuration,
} from "../../src/core/evaluate/dates.js";

/** `date − duration`, the way an item's `due:` is applied to the issuance date. */
function before(date: string, duration: string): string {
  const parsed = parseDuration(duration);
  if (!parsed) throw new Error(`test bug: ${duration} is not a duration`);
  return subtractDuration(date, parsed);
}

describe("isCalendarDate", () => {
  test("2018-02-30 is not a calendar date", () => {
    expect(isCalendarDate("2018-02-30")).toBe(false);
  });

  test("2020-02-29 is a calendar date (2020 is a leap year)", () => {
    expect(isCalendarDate("2020-02-29")).toBe(true);
  });

  test("2019-02-29 and 1900-02-29 are not (no leap day those years)", () => {
    expect(isCalendarDate("2019-02-29")).toBe(false);
    expect(isCalendarDate("1900-02-29")).toBe(false);
  });

  test("2000-02-29 is (every 400th year is a leap year)", () => {
    expect(isCalendarDate("2000-02-29")).toBe(true);
  });

  test.each([
    "2018-13-01",
    "2018-00-10",
    "2018-04-31",
    "2018-4-6",
    "18-04-06",
    "2018-04-06T00:00:00Z",
    "",
  ])("%p is not a YYYY-MM-DD calendar date", (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });
});

describe("parseDuration", () => {
  test("reads years, months, weeks and days", () => {
    expect(parseDuration("P1Y2M3W4D")).toEqual({ years: 1, months: 2, weeks: 3, days: 4 });
    expect(parseDuration("P30D")).toEqual({ years: 0, months: 0, weeks: 0, days: 30 });
  });

  test.each(["P", "30D", "PT1H", "P1.5D", "P-1D", "p30d"])(
    "%p is not a supported duration",
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe("subtractDuration: due dates before the issuance date", () => {
  test("P30D before 2018-04-06 (the zero-tolerance memo) is 2018-03-07", () => {
    expect(before("2018-04-06", "P30D")).toBe("2018-03-07");
  });

  test("P30D crosses February in a common year and in a leap year", () => {
    expect(before("2018-03-15", "P30D")).toBe("2018-02-13");
    expect(before("2020-03-15", "P30D")).toBe("2020-02-14");
  });

  test("P1D before 1 March is the last day of February (28th or 29th)", () => {
    expect(before("2018-03-01", "P1D")).toBe("2018-02-28");
    expect(before("2020-03-01", "P1D")).toBe("2020-02-29");
  });

  test("P1W is seven days and crosses a year end", () => {
    expect(before("2018-01-03", "P1W")).toBe("2017-12-27");
  });

  test("P1M from a 31st clamps to the end of a shorter month", () => {
    expect(before("2018-03-31", "P1M")).toBe("2018-02-28");
    expect(before("2020-03-31", "P1M")).toBe("2020-02-29");
    expect(before("2018-05-31", "P1M")).toBe("2018-04-30");
  });

  test("P1M crosses a year end", () => {
    expect(before("2018-01-31", "P1M")).toBe("2017-12-31");
  });

  test("P13M is a year and a month", () => {
    expect(before("2018-04-06", "P13M")).toBe("2017-03-06");
  });

  test("P1Y from a leap day lands on 28 February", () => {
    expect(before("2020-02-29", "P1Y")).toBe("2019-02-28");
  });

  test("P1Y from 2021-02-28 is 2020-02-28, not the leap day", () => {
    expect(before("2021-02-28", "P1Y")).toBe("2020-02-28");
  });

  test("P4Y from a leap day is the previous leap day", () => {
    expect(before("2024-02-29", "P4Y")).toBe("2020-02-29");
  });

  test("years and months are counted before weeks and days", () => {
    // 2020-03-31 − P1M = 2020-02-29, then − P1D = 2020-02-28.
    expect(before("2020-03-31", "P1M1D")).toBe("2020-02-28");
  });

  test("a string that is not a date is a RangeError", () => {
    expect(() => subtractDuration("2018-4-6", { years: 0, months: 0, weeks: 0, days: 1 })).toThrow(
      RangeError,
    );
  });
});

describe("localToday", () => {
  test("is the calendar date where the user is, zero-padded", () => {
    expect(localToday(new Date(2018, 3, 6, 23, 59))).toBe("2018-04-06");
    expect(localToday(new Date(2018, 0, 1, 0, 0))).toBe("2018-01-01");
  });
});
