/** A Markdown report of the findings, for pull-request comments: within a comment's size. */
import type { CheckResult } from "../core/rules/findings.js";
import { COMMENT_BUDGET, fitSections } from "./budget.js";
import {
  blocksLine,
  checkSections,
  headline,
  leftOut,
  provenance,
  tooSmall,
} from "./markdown-text.js";
import type { FormatOptions } from "./types.js";

export function markdown(result: CheckResult, options: FormatOptions): string {
  const budget = options.budget ?? COMMENT_BUDGET;
  const head = [
    "# preclear check",
    `**${headline(result)}**`,
    provenance(result, options),
    blocksLine(result),
  ].map((full) => ({ full, short: full, priority: 0 }));
  return fitSections([...head, ...checkSections(result, options, 2)], budget, {
    closing: leftOut(budget),
    tooSmall,
  }).text;
}
