/**
 * Human output, shaped like ESLint's stylish: findings grouped by the file to
 * edit, one aligned row each, then a summary line.
 */
import { Chalk, type ChalkInstance } from "chalk";
import type { CheckResult, Finding, Level } from "../core/rules/findings.js";
import { countByLevel } from "../core/rules/findings.js";
import { allFindings, byPosition, cmp } from "./order.js";
import { shownPath } from "./paths.js";
import { countsPhrase, plural, printable } from "./text.js";
import type { FormatOptions } from "./types.js";

interface Row {
  line: string;
  column: string;
  level: Level;
  message: string;
  scope: string;
  ruleId: string;
}

export function stylish(result: CheckResult, options: FormatOptions): string {
  return [...stylishChunks(result, options)].join("");
}

/**
 * The text of `stylish`, one file's rows at a time: `check` writes thousands
 * of drafts' findings without holding the whole report (and its UTF-8 copy)
 * in memory.
 */
export function* stylishChunks(result: CheckResult, options: FormatOptions): Generator<string> {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const findings = allFindings(result, byPosition);
  const draftCount = result.drafts.length;
  if (findings.length === 0) {
    yield `${chalk.green("✔")} no problems (${plural(draftCount, "draft")} checked)\n`;
    return;
  }

  const groups = new Map<string, Finding[]>();
  const shown = new Map<string, string>(); // thousands of findings share a few files
  for (const finding of findings) {
    let file = shown.get(finding.location.file);
    if (file === undefined) {
      file = printable(shownPath(finding.location.file, options.cwd));
      shown.set(finding.location.file, file);
    }
    const group = groups.get(file);
    if (group) group.push(finding);
    else groups.set(file, [finding]);
  }

  yield "\n";
  for (const file of [...groups.keys()].sort(cmp)) {
    const group = groups.get(file) ?? [];
    // Name the draft only when one file (say a shared checklist) serves several.
    const mixedDrafts = new Set(group.map((f) => f.draft)).size > 1;
    yield `${chalk.underline(file)}\n${renderRows(
      group.map((f) => toRow(f, mixedDrafts)),
      chalk,
    )}\n`;
  }

  const counts = countByLevel(findings);
  const summary = `✖ ${plural(findings.length, "problem")} (${countsPhrase(counts)})`;
  const colour = counts.error > 0 ? chalk.red : counts.warning > 0 ? chalk.yellow : chalk.blue;
  yield `${colour.bold(summary)}\n`;
}

function toRow(finding: Finding, withDraft: boolean): Row {
  // The stakeholder and item are in every message already; name the draft
  // only when one file (a shared checklist) serves several.
  const label = withDraft ? (finding.draftId ?? finding.draft) : "";
  return {
    line: String(finding.location.line),
    column: String(finding.location.column),
    level: finding.level,
    message: printable(finding.message),
    scope: label === "" ? "" : `[${printable(label)}]`,
    ruleId: finding.ruleId,
  };
}

function renderRows(rows: Row[], chalk: ChalkInstance): string {
  const lineWidth = Math.max(...rows.map((r) => r.line.length));
  const columnWidth = Math.max(...rows.map((r) => r.column.length));
  const levelWidth = Math.max(...rows.map((r) => r.level.length));
  const ruleWidth = Math.max(...rows.map((r) => r.ruleId.length));
  const levelColour: Record<Level, ChalkInstance> = {
    error: chalk.red,
    warning: chalk.yellow,
    note: chalk.blue,
  };
  // The message goes last and unpadded: ours are sentences, often long, and
  // padding every row to the longest one makes the report unreadable.
  return rows
    .map((r) => {
      const position = `${r.line.padStart(lineWidth)}:${r.column.padEnd(columnWidth)}`;
      const level = levelColour[r.level](r.level.padEnd(levelWidth));
      const scope = r.scope === "" ? "" : `${chalk.cyan(r.scope)} `;
      return `  ${chalk.dim(position)}  ${level}  ${chalk.dim(r.ruleId.padEnd(ruleWidth))}  ${scope}${r.message}`;
    })
    .join("\n")
    .concat("\n");
}
