/**
 * GitHub Actions workflow commands (annotations) and the Markdown job summary.
 *
 * Escaping follows the Actions toolkit's packages/core/src/command.ts exactly;
 * GitHub shows at most 10 annotations of each level per step, so the worst
 * ten of each level by the shared ranking (rank.ts: a non-concurrence or a
 * capacity shortfall before an undecided office) are emitted and the rest are
 * counted in one closing notice. `file=` is relative to the repository root.
 */
import type { CheckResult, Finding, Level } from "../core/rules/findings.js";
import { terminalText } from "../core/terminal.js";
import { countByLevel } from "../core/rules/findings.js";
import { STEP_SUMMARY_BUDGET, fitSections } from "./budget.js";
import {
  blocksLine,
  checkSections,
  headline,
  leftOut,
  provenance,
  tooSmall,
} from "./markdown-text.js";
import { allFindings } from "./order.js";
import { shownPath } from "./paths.js";
import { countsPhrase, plural, scopeOf } from "./text.js";
import type { FormatOptions } from "./types.js";

/** Annotations GitHub displays per level per step; later ones are dropped. */
export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Level, string> = { error: "error", warning: "warning", note: "notice" };

/** The toolkit's escapeData: for the message after `::`. */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** The toolkit's escapeProperty: for `key=value` properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function github(result: CheckResult, options: FormatOptions): string {
  const findings = allFindings(result);
  const byLevel = (level: Level) => findings.filter((f) => f.level === level);
  const errors = byLevel("error");
  const warnings = byLevel("warning");
  const notes = byLevel("note");

  const overflows =
    errors.length > ANNOTATIONS_PER_LEVEL ||
    warnings.length > ANNOTATIONS_PER_LEVEL ||
    notes.length > ANNOTATIONS_PER_LEVEL;
  // The overflow notice is itself a notice: keep a slot for it.
  const noteLimit = overflows ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
  const shown = [
    ...errors.slice(0, ANNOTATIONS_PER_LEVEL),
    ...warnings.slice(0, ANNOTATIONS_PER_LEVEL),
    ...notes.slice(0, noteLimit),
  ];
  const lines = shown.map((f) => annotation(f, options.root ?? options.cwd));

  const omitted = [
    ...errors.slice(ANNOTATIONS_PER_LEVEL),
    ...warnings.slice(ANNOTATIONS_PER_LEVEL),
    ...notes.slice(noteLimit),
  ];
  if (omitted.length > 0) {
    const message =
      `preclear: ${plural(omitted.length, "finding")} not annotated (${countsPhrase(countByLevel(omitted))}); ` +
      `GitHub shows at most ${ANNOTATIONS_PER_LEVEL} annotations per level. ` +
      "See the job summary, or run preclear check with --format stylish, for the full report.";
    lines.push(`::notice::${escapeData(message)}`);
  }
  return lines.map((line) => `${line}\n`).join("");
}

/** `root`: the repository root, which GitHub resolves `file=` against. */
function annotation(finding: Finding, root: string): string {
  const { line, column, endLine, endColumn } = finding.location;
  const end = endLine ?? (endColumn === undefined ? undefined : line);
  // Columns only make sense on a single line; GitHub rejects them otherwise.
  const oneLine = end === undefined || end === line;
  const scope = scopeOf(finding);
  const properties: [string, string | number | undefined][] = [
    ["file", shownPath(finding.location.file, root)],
    ["line", line],
    ["col", oneLine ? column : undefined],
    ["endLine", end],
    ["endColumn", oneLine ? endColumn : undefined],
    ["title", `preclear(${finding.ruleId})${scope === "" ? "" : `: ${scope}`}`],
  ];
  // Like the toolkit, leave out empty values (and 0, which is no position).
  const rendered = properties
    .filter((entry): entry is [string, string | number] => Boolean(entry[1]))
    .map(([key, value]) => `${key}=${escapeProperty(printable(String(value)))}`)
    .join(",");
  const head = rendered === "" ? COMMAND[finding.level] : `${COMMAND[finding.level]} ${rendered}`;
  return `::${head}::${escapeData(printable(finding.message))}`;
}

/**
 * Text from checklists, drafts and reviews without terminal control
 * characters or bidi controls (core/terminal.ts): the runner's log (and a
 * terminal) would act on them. Line breaks stay, for escapeData to encode as
 * the toolkit does.
 */
const printable = (text: string): string => terminalText(text, { keepCR: true });

/**
 * The Markdown job summary the CLI appends to `$GITHUB_STEP_SUMMARY`: a
 * headline and what blocks issuance, then per draft a table with one line per
 * office, worst first, then each office's findings (annotations are capped,
 * the summary is not) — within the 1 MiB a step summary may hold.
 */
export function githubSummary(result: CheckResult, options: FormatOptions): string {
  const budget = options.budget ?? STEP_SUMMARY_BUDGET;
  const head = [
    `## preclear: ${headline(result)}`,
    provenance(result, options),
    blocksLine(result),
  ].map((full) => ({ full, short: full, priority: 0 }));
  return fitSections([...head, ...checkSections(result, options, 3)], budget, {
    closing: leftOut(budget),
    tooSmall,
  }).text;
}
