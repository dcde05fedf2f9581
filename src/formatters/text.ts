/** Text helpers shared by the formatters. */
import type { Finding, Level } from "../core/rules/findings.js";
import { terminalLine } from "../core/terminal.js";

/**
 * One printable line (the project's one terminal sanitiser, core/terminal.ts):
 * line breaks and tabs become spaces, other control characters are dropped,
 * bidi controls are shown as `<U+…>`.
 */
export const printable = terminalLine;

/** `stakeholder/item`, `stakeholder`, `item`, or "" when the finding names neither. */
export function scopeOf(finding: Finding): string {
  return [finding.stakeholder, finding.item]
    .filter((part) => part !== undefined && part !== "")
    .join("/");
}

/** `3 errors`, `1 warning`, `0 notes`. */
export function plural(
  count: number,
  level: Level | "problem" | "draft" | "finding" | "line" | "office",
): string {
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
