/**
 * Numbers in messages: what `n.toLocaleString("en-US", { maximumFractionDigits: 2 })`
 * prints, without it. The first toLocaleString of a process loads ICU's number
 * formatting, about 15 ms: a fifth of Node's own start-up, spent on commas.
 */

/**
 * `3,000`, `1,234.57`, `-0.5`: en-US grouping, at most two decimals, trailing
 * zeros dropped. Like ICU, it rounds the shortest decimal form of `n` (what
 * `String(n)` shows) half away from zero, so 1.005 gives 1.01.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return n.toLocaleString("en-US");
  const negative = n < 0 || Object.is(n, -0);
  let [whole, fraction] = plainDecimal(Math.abs(n));
  if (fraction.length > 2) {
    const roundUp = fraction.charCodeAt(2) >= 53; // "5"…"9"
    fraction = fraction.slice(0, 2);
    if (roundUp) {
      const digits = increment(whole + fraction);
      whole = digits.slice(0, -2);
      fraction = digits.slice(-2);
    }
  }
  fraction = fraction.replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** The shortest decimal form of a finite x ≥ 0 as whole and fraction digits, no exponent. */
function plainDecimal(x: number): [string, string] {
  const text = String(x);
  const e = text.indexOf("e");
  if (e < 0) {
    const dot = text.indexOf(".");
    return dot < 0 ? [text, ""] : [text.slice(0, dot), text.slice(dot + 1)];
  }
  const mantissa = text.slice(0, e);
  const dot = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const point = (dot < 0 ? mantissa.length : dot) + Number(text.slice(e + 1));
  if (point <= 0) return ["0", "0".repeat(-point) + digits];
  if (point >= digits.length) return [digits + "0".repeat(point - digits.length), ""];
  return [digits.slice(0, point), digits.slice(point)];
}

/** A string of decimal digits plus one: "0999" → "1000", "99" → "100". */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") i--;
  if (i < 0) return `1${"0".repeat(digits.length)}`;
  return digits.slice(0, i) + String(Number(digits[i]) + 1) + "0".repeat(digits.length - i - 1);
}
