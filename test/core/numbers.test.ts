/**
 * Numbers in findings ("confirmed capacity 1,200 is below the demand of
 * 3,000") print exactly as `toLocaleString("en-US")` printed them, without
 * paying for ICU at start-up.
 */
import fc from "fast-check";
import { formatNumber } from "../../src/core/numbers.js";

const locale = (n: number) =>
  Number.isInteger(n)
    ? n.toLocaleString("en-US")
    : n.toLocaleString("en-US", { maximumFractionDigits: 2 });

describe("formatNumber", () => {
  it("groups thousands and keeps at most two decimals", () => {
    expect(formatNumber(3000)).toBe("3,000");
    expect(formatNumber(1234567.891)).toBe("1,234,567.89");
    expect(formatNumber(12.5)).toBe("12.5");
    expect(formatNumber(-1234)).toBe("-1,234");
  });

  it("rounds the number as written, half away from zero, as toLocaleString does", () => {
    expect(formatNumber(1.005)).toBe("1.01");
    expect(formatNumber(9.995)).toBe("10");
    expect(formatNumber(-9.995)).toBe("-10");
    expect(formatNumber(-0.001)).toBe("-0");
  });

  it("prints what toLocaleString prints for any number", () => {
    const samples = [0, -0, 1e-7, 5e-3, 0.045, 2.675, 1e21, 1.5e300, 2 ** 53 + 2, NaN, Infinity];
    for (const n of samples) expect(formatNumber(n)).toBe(locale(n));
    fc.assert(
      fc.property(fc.double(), (n) => formatNumber(n) === locale(n)),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 4 }), (m, d) => {
        const n = m / 10 ** d;
        return formatNumber(n) === locale(n);
      }),
      { numRuns: 5000 },
    );
  });
});
