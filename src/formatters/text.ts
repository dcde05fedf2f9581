/** Text helpers shared by the formatters. */
import type { Finding, Level } from "../core/rules/findings.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS_AND_TABS = /\r\n|[\r\n\t\v\f\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const NONCHARACTERS = /[\uFFFE\uFFFF]/g;
// Any character the replacements below would touch. Most messages have none,
// and skipping the replacements (one has a lookbehind) keeps a run of
// thousands of findings cheap.
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * One printable line: line breaks and tabs become spaces, other control
 * characters (which could drive a terminal, e.g. ESC) are dropped, lone
 * surrogates and U+FFFE/U+FFFF become U+FFFD.
 */
export function printable(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(LINE_BREAKS_AND_TABS, " ")
    .replace(CONTROLS, "")
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(NONCHARACTERS, "\uFFFD");
}

/** `stakeholder/item`, `stakeholder`, `item`, or "" when the finding names neither. */
export function scopeOf(finding: Finding): string {
  return [finding.stakeholder, finding.item]
    .filter((part) => part !== undefined && part !== "")
    .join("/");
}

/** `3 errors`, `1 warning`, `0 notes`. */
export function plural(count: number, level: Level | "problem" | "draft" | "finding"): string {
  return `${count} ${level}${count === 1 ? "" : "s"}`;
}

export function countsPhrase(counts: Record<Level, number>): string {
  return `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.note, "note")}`;
}

/**
 * Several printable lines: `printable` applied to each line, line breaks kept
 * (as LF). For text shown on a terminal that may span lines (guidance, help).
 */
export function printableLines(text: string): string {
  return text
    .split(/\r\n|[\r\n\u0085\u2028\u2029]/)
    .map(printable)
    .join("\n");
}
