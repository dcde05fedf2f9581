/**
 * Markdown building blocks shared by the `markdown` formatter and the GitHub
 * job summary: escaping for GitHub-flavoured Markdown and the per-draft
 * findings tables.
 */
import type { CheckResult, DraftResult, Level } from "../core/rules/findings.js";
import { countByLevel } from "../core/rules/findings.js";
import { RULES } from "../core/rules/meta.js";
import { characters, type Section } from "./budget.js";
import { allFindings, cmp, sortedDrafts, worstFirst } from "./order.js";
import { blocks, rankGroups, ruleCounts, type Ranked } from "./rank.js";
import { itemRows, type Row } from "./rows.js";
import { shownPath } from "./paths.js";
import { countsPhrase, plural } from "./text.js";
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
 * cannot start math), control characters (bidirectional overrides too) are
 * dropped; right-to-left letters stay, and stay inside their cell. Line
 * breaks are kept as LF for the caller to place.
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

/** `**Blocks issuance:** 1 non-concurrence, …` or that nothing does. */
export function blocksLine(result: CheckResult): string {
  const blocking = allFindings(result).filter(blocks);
  if (blocking.length === 0) return "Nothing blocks issuance (no errors).";
  const drafts = new Set(blocking.map((f) => f.draft)).size;
  const of = result.drafts.length > 1 ? ` of ${plural(drafts, "draft")}` : "";
  return `**Blocks issuance${of}:** ${escapeInline(ruleCounts(blocking))}.`;
}

/**
 * Sections for a size budget (budget.ts): per draft, worst first, a heading
 * and a table with one line per office (the summary, always written); then, per office,
 * worst office of any draft first, a table of its findings — an open item
 * and its overdue finding on one row.
 */
export function checkSections(
  result: CheckResult,
  options: FormatOptions,
  headingLevel: number,
): Section[] {
  const byFile = new Map(result.drafts.map((d) => [d.file, d]));
  const ranked = rankGroups(
    result.drafts.flatMap((d) => d.findings),
    (f) => f.draft,
    (a, b) => cmp(shownPath(a, options.cwd), shownPath(b, options.cwd)),
  );
  const clean = sortedDrafts(result, options.cwd).filter((d) => d.findings.length === 0);
  const offices: { office: Ranked<string>; section: number }[] = [];
  const sections: Section[] = [];
  ranked.forEach((group, draftIndex) => {
    const draft = byFile.get(group.key) ?? { file: group.key, findings: group.findings };
    const officeGroups = rankGroups(group.findings, (f) => f.stakeholder ?? "", cmp);
    const heading = draftHeading(draft, options, headingLevel);
    const table = officeTable(officeGroups, result.asOf);
    // The office table is the summary: always written, even over the budget.
    const summary = `${heading}\n\n${table}`;
    sections.push({ full: summary, short: summary, priority: draftIndex });
    for (const office of officeGroups) {
      offices.push({ office, section: sections.length });
      sections.push({ full: "", short: "", priority: 0 });
    }
  });
  // Office details: the worst offices of all drafts first.
  offices
    .sort((a, b) => b.office.worst - a.office.worst || a.section - b.section)
    .forEach(({ office, section }, rank) => {
      const rows = itemRows([...office.findings].sort(worstFirst), result.asOf);
      const name = office.key === "" ? "whole draft" : office.key;
      sections[section] = {
        full: `${"#".repeat(headingLevel + 1)} ${escapeInline(name)}\n\n${findingsTable(rows, options.cwd)}`,
        short: "",
        priority: ranked.length + rank,
      };
    });
  for (const draft of clean) {
    const heading = draftHeading(draft, options, headingLevel);
    sections.push({ full: heading, short: heading, priority: 0 });
  }
  return sections;
}

function draftHeading(draft: DraftResult, options: FormatOptions, headingLevel: number): string {
  const file = shownPath(draft.file, options.cwd);
  const heading = `${"#".repeat(headingLevel)} ${escapeInline(draft.title ?? draft.draftId ?? file)}`;
  const identity = [file, draft.draftId].filter((s): s is string => s !== undefined);
  const counts = countByLevel(draft.findings);
  const status =
    draft.findings.length === 0
      ? "✔ no findings"
      : `✖ ${plural(draft.findings.length, "finding")} (${countsPhrase(counts)})`;
  return `${heading}\n\n${identity.map(escapeInline).join(" · ")} — ${status}`;
}

/** One row per office, worst first: what it has, and how many of each level. */
function officeTable(offices: Ranked<string>[], asOf: string): string {
  const rows = offices.map(({ key, findings }) => {
    const counts = countByLevel(findings);
    const worst = counts.error > 0 ? "error" : counts.warning > 0 ? "warning" : "note";
    const rowsOf = itemRows([...findings].sort(worstFirst), asOf);
    const overdue = rowsOf.filter((r) => r.folded.length > 0).length;
    let what = ruleCounts(rowsOf.map((r) => r.finding));
    if (overdue > 0) what = what.replace(/(\d+ open items?)/, `$1 (${overdue} overdue)`);
    return `| ${LEVEL_LABEL[worst].split(" ")[0]} ${escapeTableCell(key === "" ? "whole draft" : key)} | ${escapeTableCell(what)} | ${counts.error} | ${counts.warning} | ${counts.note} |`;
  });
  return [
    "| office | what | errors | warnings | notes |",
    "| --- | --- | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
}

function findingsTable(rows: Row[], cwd: string): string {
  const header = "| level | location | rule | finding |\n| --- | --- | --- | --- |";
  return [
    header,
    ...rows.map(({ finding: f, text }) => {
      const { location } = f;
      const cells = [
        LEVEL_LABEL[f.level],
        location.missing === `stakeholders.${f.stakeholder ?? ""}`
          ? escapeTableCell(`add ${location.missing} to ${shownPath(location.file, cwd)}`)
          : escapeTableCell(`${shownPath(location.file, cwd)}:${location.line}:${location.column}`),
        `[${escapeTableCell(f.ruleId)}](${RULES[f.ruleId].helpUri})`,
        escapeTableCell(text),
      ];
      return `| ${cells.join(" | ")} |`;
    }),
  ].join("\n");
}

/** The closing note of a budgeted check output: what was left out and where to find it. */
export function leftOut(budget: number): (shortened: number) => string {
  return (shortened) =>
    shortened === 0
      ? ""
      : `_The details of ${plural(shortened, "office")} are left out to keep this under ${characters(budget)} (each has its line in the table above). For every finding, write the full output as an artefact: \`preclear check -f json -o preclear.json\`, or \`preclear report --format html\` for a draft._`;
}

export function tooSmall(size: number, budget: number): string {
  return `> **Note:** even the summary is ${characters(size)}, more than the budget of ${characters(budget)}; it is written whole.`;
}

/** The counts as a small table: what a job summary leads with. */
export function countsTable(result: CheckResult): string {
  const counts = countByLevel(allFindings(result));
  const rows = (["error", "warning", "note"] as const).map(
    (level) => `| ${LEVEL_LABEL[level]}s | ${counts[level]} |`,
  );
  return ["| level | count |", "| --- | ---: |", ...rows, ""].join("\n");
}
