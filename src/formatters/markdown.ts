/** A Markdown report of the findings, for pull-request comments. */
import type { CheckResult } from "../core/rules/findings.js";
import { draftSections, headline, provenance } from "./markdown-text.js";
import type { FormatOptions } from "./types.js";

export function markdown(result: CheckResult, options: FormatOptions): string {
  const sections = draftSections(result, options, 2);
  return [
    "# preclear check",
    "",
    `**${headline(result)}**`,
    "",
    provenance(result, options),
    "",
    ...(sections === "" ? [] : [sections]),
  ].join("\n");
}
