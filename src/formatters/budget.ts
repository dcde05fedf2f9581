/**
 * Size budgets for Markdown that a platform caps: a GitHub comment holds
 * 65,536 characters, a job summary (`$GITHUB_STEP_SUMMARY`) 1 MiB. A document
 * is a list of sections, each with its full text and a short stand-in (one
 * line, or nothing); every section starts short, and sections are given their
 * full text in order of importance until the next one would not fit. What is left
 * short is said at the end, with a pointer to the full output.
 *
 * Sizes are UTF-8 bytes: never fewer than the characters GitHub counts, and
 * exactly what the 1 MiB step-summary limit counts.
 */
import { formatNumber } from "../core/numbers.js";

/** GitHub's limit on a comment, issue or pull-request body. */
export const COMMENT_BUDGET = 65_536;
/** GitHub's limit on one step's job summary. */
export const STEP_SUMMARY_BUDGET = 1024 * 1024;

export interface Section {
  /** The section's full text (no trailing newline). */
  full: string;
  /** What stands in for it when it does not fit ("" to leave it out). */
  short: string;
  /** Lower is more important: given its full text first. Ties keep document order. */
  priority: number;
}

export interface Fitted {
  text: string;
  /** Sections that kept their short form. */
  shortened: number;
  /** The size of the text, in UTF-8 bytes. */
  size: number;
  /** True when even every section in its short form exceeds the budget. */
  over: boolean;
}

export function sizeOf(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

const SEPARATOR = "\n\n";

/**
 * Lays out `sections` within `budget`, then appends `closing(shortened)`
 * (say what was left out and where to find it; called with 0 when nothing
 * was) and, when even the short forms do not fit, `tooSmall(size)` at the top.
 */
export function fitSections(
  sections: readonly Section[],
  budget: number,
  notes: {
    closing: (shortened: number) => string;
    tooSmall: (size: number, budget: number) => string;
  },
): Fitted {
  const chosen = sections.map((s) => s.short);
  const sizeOfPart = (text: string) => (text === "" ? 0 : sizeOf(text) + SEPARATOR.length);
  // The closing note's size depends on how many sections stay short; its
  // longest form (every one short) is reserved up front.
  const shortCount = sections.filter((s) => s.full !== s.short).length;
  const reserve = sizeOfPart(notes.closing(shortCount)) + 1;
  let size = chosen.reduce((sum, text) => sum + sizeOfPart(text), 0);
  const order = sections
    .map((section, index) => ({ section, index }))
    .sort((a, b) => a.section.priority - b.section.priority || a.index - b.index);
  let shortened = shortCount;
  for (const { section, index } of order) {
    if (section.full === section.short) continue;
    const grown = size - sizeOfPart(section.short) + sizeOfPart(section.full);
    // Strictly in order: a less important section never takes the room a
    // more important one could not have.
    if (grown + reserve > budget) break;
    chosen[index] = section.full;
    size = grown;
    shortened--;
  }
  const parts = chosen.filter((text) => text !== "");
  const closing = notes.closing(shortened);
  if (closing !== "") parts.push(closing);
  let text = `${parts.join(SEPARATOR)}\n`;
  const over = sizeOf(text) > budget;
  if (over) text = `${notes.tooSmall(sizeOf(text), budget)}${SEPARATOR}${text}`;
  return { text, shortened, size: sizeOf(text), over };
}

/** "65,536 characters" */
export function characters(n: number): string {
  return `${formatNumber(n)} characters`;
}
