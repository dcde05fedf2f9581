/**
 * Business days for suspenses: weekends and the U.S. federal holidays of
 * 5 U.S.C. 6103, computed for any year, with the observed-day rules.
 */
import {
  addBusinessDays,
  federalHolidays,
  isBusinessDay,
  nonBusinessReason,
} from "../../src/core/evaluate/business-days.js";

const dates = (year: number) => federalHolidays(year).map((h) => h.date);

describe("federal holidays", () => {
  test("2026, as OPM lists it: Independence Day (a Saturday) observed on Friday 3 July", () => {
    expect(dates(2026)).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03",
      "2026-09-07",
      "2026-10-12",
      "2026-11-11",
      "2026-11-26",
      "2026-12-25",
    ]);
    expect(federalHolidays(2026).find((h) => h.date === "2026-07-03")).toEqual({
      date: "2026-07-03",
      name: "Independence Day",
      actual: "2026-07-04",
    });
  });

  test("a Sunday holiday is observed on the Monday after", () => {
    expect(dates(2021)).toContain("2021-07-05");
    expect(isBusinessDay("2021-07-05")).toBe(false);
    expect(nonBusinessReason("2021-07-05")).toBe("a federal holiday (Independence Day, observed)");
  });

  test("New Year's Day on a Saturday is observed on 31 December of the year before", () => {
    expect(dates(2021)).toContain("2021-12-31");
    expect(dates(2022)).not.toContain("2022-01-01");
    expect(isBusinessDay("2021-12-31")).toBe(false);
  });

  test("Juneteenth counts from 2021", () => {
    expect(dates(2020).some((d) => d.endsWith("-06-19"))).toBe(false);
    expect(dates(2021)).toContain("2021-06-18");
  });

  test("Inauguration Day is not a holiday for a suspense (Washington, D.C. area only)", () => {
    expect(isBusinessDay("2021-01-20")).toBe(true);
    expect(isBusinessDay("2033-01-20")).toBe(true);
  });

  test("computed for any year: every holiday falls on a weekday within its year (New Year's Day may move to the year before)", () => {
    for (let year = 1990; year <= 2150; year++) {
      const list = federalHolidays(year);
      expect(list.length).toBeGreaterThanOrEqual(9);
      expect(list.length).toBeLessThanOrEqual(12);
      for (const h of list) {
        const weekday = new Date(`${h.date}T00:00:00Z`).getUTCDay();
        expect([0, 6]).not.toContain(weekday);
        expect(h.date.startsWith(String(year))).toBe(true);
      }
    }
    expect(dates(2100)).toContain("2100-11-25");
  });
});

describe("business days", () => {
  test("Friday 2025-12-19 + 10 business days is 2026-01-06 (Christmas and New Year's Day skipped)", () => {
    expect(addBusinessDays("2025-12-19", 10)).toBe("2026-01-06");
  });

  test("a Friday + 1 is the Monday; over Thanksgiving the Friday after", () => {
    expect(addBusinessDays("2026-01-09", 1)).toBe("2026-01-12");
    expect(addBusinessDays("2026-11-25", 1)).toBe("2026-11-27");
  });

  test("a hostile date at the end of the calendar gives a date, not a crash", () => {
    expect(addBusinessDays("9999-12-30", 250)).toBe("9999-12-31");
  });

  test("weekends and holidays are named", () => {
    expect(nonBusinessReason("2026-01-03")).toBe("a Saturday");
    expect(nonBusinessReason("2026-01-04")).toBe("a Sunday");
    expect(nonBusinessReason("2026-01-19")).toBe(
      "a federal holiday (Birthday of Martin Luther King, Jr.)",
    );
    expect(nonBusinessReason("2026-01-20")).toBeUndefined();
  });
});
