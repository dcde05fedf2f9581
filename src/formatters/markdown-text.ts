/**
 * Markdown building blocks shared by the `markdown` formatter and the GitHub
 * job summary: escaping for GitHub-flavoured Markdown and the per-draft
 * findings tables.
 */
import type { CheckResult, DraftResult, Finding, Level } from "../core/rules/findings.js";
import { countByLevel } from "../core/rules/findings.js";
import { RULES } from "../core/rules/meta.js";
import { allFindings, sortedDrafts, worstFirst } from "./order.js";
import { shownPath } from "./paths.js";
import { countsPhrase, plural, scopeOf } from "./text.js";
import { terminalText } from "../core/terminal.js";
import type { FormatOptions } from "./types.js";

const LEVEL_LABEL: Record<Level, string> = {
  error: "❌ error",
  warning: "⚠️ warning",
  note: "ℹ️ note",
};

/**
 * Text that renders as itself: HTML specials become entities, Markdown
 * punctuation is backslash-escaped (so `|` cannot end a table cell and `$`
 * cannot start math), control characters are dropped. Line breaks are kept
 * as LF for the caller to place.
 */
function escapeMarkdown(text: string): string {
  return terminalText(text)
    .replace(/[\\`*_[\]|~#$]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** For a table cell: line breaks become `<br>`. */
export function escapeTableCell(text: string): string {
  return escapeMarkdown(text).replace(/\n/g, "<br>");
}

/** For a heading or a one-line paragraph: line breaks become spaces. */
export function escapeInline(text: string): string {
  return escapeMarkdown(text).replace(/\n/g, " ");
}

/** `✖ 3 problems (1 error, 2 warnings, 0 notes)` or `✔ no problems`. */
export function headline(result: CheckResult): string {
  const findings = allFindings(result);
  if (findings.length === 0) return "✔ no problems";
  return `✖ ${plural(findings.length, "problem")} (${countsPhrase(countByLevel(findings))})`;
}

/** `Checked 2 drafts as of 2018-04-01 with preclear 0.1.0.` */
export function provenance(result: CheckResult, options: FormatOptions): string {
  return escapeInline(
    `Checked ${plural(result.drafts.length, "draft")} as of ${result.asOf} with preclear ${options.toolVersion}.`,
  );
}

/** A heading and a findings table per draft, drafts in path order. */
export function draftSections(
  result: CheckResult,
  options: FormatOptions,
  headingLevel: number,
): string {
  return sortedDrafts(result, options.cwd, worstFirst)
    .map((draft) => draftSection(draft, options, headingLevel))
    .join("\n");
}

function draftSection(draft: DraftResult, options: FormatOptions, headingLevel: number): string {
  const file = shownPath(draft.file, options.cwd);
  const heading = `${"#".repeat(headingLevel)} ${escapeInline(draft.title ?? draft.draftId ?? file)}`;
  const identity = [file, draft.draftId].filter((s): s is string => s !== undefined);
  const counts = countByLevel(draft.findings);
  const status =
    draft.findings.length === 0
      ? "✔ no findings"
      : `✖ ${plural(draft.findings.length, "finding")} (${countsPhrase(counts)})`;
  const about = `${identity.map(escapeInline).join(" · ")} — ${status}`;
  if (draft.findings.length === 0) return `${heading}\n\n${about}\n`;
  return `${heading}\n\n${about}\n\n${findingsTable(draft.findings, options.cwd)}`;
}

function findingsTable(findings: Finding[], cwd: string): string {
  const header =
    "| level | location | stakeholder/item | rule | message |\n| --- | --- | --- | --- | --- |\n";
  return (
    header +
    findings
      .map((f) => {
        const { location } = f;
        const cells = [
          LEVEL_LABEL[f.level],
          escapeTableCell(`${shownPath(location.file, cwd)}:${location.line}:${location.column}`),
          escapeTableCell(scopeOf(f)),
          `[${escapeTableCell(f.ruleId)}](${RULES[f.ruleId].helpUri})`,
          escapeTableCell(f.message),
        ];
        return `| ${cells.join(" | ")} |\n`;
      })
      .join("")
  );
}

/** The counts as a small table: what a job summary leads with. */
export function countsTable(result: CheckResult): string {
  const counts = countByLevel(allFindings(result));
  const rows = (["error", "warning", "note"] as const).map(
    (level) => `| ${LEVEL_LABEL[level]}s | ${counts[level]} |`,
  );
  return ["| level | count |", "| --- | ---: |", ...rows, ""].join("\n");
}
