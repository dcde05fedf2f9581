/**
 * Human output, for the person deciding what to chase first: drafts worst
 * first, and within a draft its offices worst first (the shared ranking of
 * rank.ts), each office with a one-line summary and one line per thing to
 * act on — an open item and its overdue finding are one line. Ends with what
 * blocks issuance.
 */
import { Chalk, type ChalkInstance } from "chalk";
import type { CheckResult, DraftResult, Finding, Level } from "../core/rules/findings.js";
import { countByLevel } from "../core/rules/findings.js";
import { cmp, worstFirst } from "./order.js";
import { shownPath } from "./paths.js";
import { blocks, rankGroups, ruleCounts } from "./rank.js";
import { itemRows, type Row } from "./rows.js";
import { countsPhrase, plural, printable } from "./text.js";
import type { FormatOptions } from "./types.js";

export function stylish(result: CheckResult, options: FormatOptions): string {
  return [...stylishChunks(result, options)].join("");
}

/**
 * The text of `stylish`, one draft at a time: `check` writes thousands of
 * drafts' findings without holding the whole report (and its UTF-8 copy) in
 * memory.
 */
export function* stylishChunks(result: CheckResult, options: FormatOptions): Generator<string> {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const findings = result.drafts.flatMap((d) => d.findings);
  const draftCount = result.drafts.length;
  if (findings.length === 0) {
    yield `${chalk.green("✔")} no problems (${plural(draftCount, "draft")} checked)\n`;
    return;
  }

  const byFile = new Map(result.drafts.map((d) => [d.file, d]));
  const shown = new Map(result.drafts.map((d) => [d.file, shownPath(d.file, options.cwd)]));
  const shownOf = (file: string) => shown.get(file) ?? shownPath(file, options.cwd);
  const drafts = rankGroups(
    findings,
    (f) => f.draft,
    (a, b) => cmp(shownOf(a), shownOf(b)) || cmp(a, b),
  );
  for (const group of drafts) {
    yield `\n${draftSection(byFile.get(group.key), group.key, group.findings, result.asOf, options, chalk)}`;
  }

  yield `\n${summary(findings, draftCount, drafts.length, chalk)}`;
}

function draftSection(
  draft: DraftResult | undefined,
  file: string,
  findings: Finding[],
  asOf: string,
  options: FormatOptions,
  chalk: ChalkInstance,
): string {
  const shown = (f: string) => printable(shownPath(f, options.cwd));
  const identity = [draft?.draftId, draft?.title].filter((x): x is string => Boolean(x));
  const heading = `${chalk.underline(shown(file))}${identity.length > 0 ? `  ${printable(identity.join(" · "))}` : ""}`;
  // The file most findings point into (the review, usually) is named once;
  // rows in it show only line:column.
  const home = mostCommon(findings.map((f) => f.location.file));
  const lines = [heading];
  if (home !== file) lines.push(chalk.dim(`  edit ${shown(home)} unless a line says otherwise`));

  const offices = rankGroups(findings, (f) => f.stakeholder ?? "", cmp);
  for (const office of offices) {
    const sorted = [...office.findings].sort(worstFirst);
    const rows = itemRows(sorted, asOf);
    const unrecorded =
      office.key !== "" && sorted.every((f) => f.location.missing === `stakeholders.${office.key}`);
    lines.push(officeLine(office.key, rows, unrecorded, chalk));
    lines.push(
      renderRows(
        rows.map((row) => {
          const { location } = row.finding;
          const where = location.file === home ? "" : `${shown(location.file)}:`;
          const position = unrecorded ? "" : `${where}${location.line}:${location.column}`;
          const hint =
            !unrecorded && location.missing !== undefined && !NO_HINT.has(row.finding.ruleId)
              ? ` (add \`${printable(location.missing)}\`)`
              : "";
          return {
            position,
            level: row.finding.level,
            ruleId: row.finding.ruleId,
            message: `${printable(row.text)}${hint}`,
          };
        }),
        chalk,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `✖ usms: 1 capacity shortfall, 12 open items (12 overdue), 1 missing sign-off · 7 errors, 8 warnings` */
function officeLine(id: string, rows: Row[], unrecorded: boolean, chalk: ChalkInstance): string {
  const findings = rows.flatMap((r) => [r.finding, ...r.folded]);
  const counts = countByLevel(findings);
  const mark =
    counts.error > 0 ? chalk.red("✖") : counts.warning > 0 ? chalk.yellow("⚠") : chalk.blue("ℹ");
  const name = id === "" ? "whole draft" : printable(id);
  const levels = (["error", "warning", "note"] as const)
    .filter((level) => counts[level] > 0)
    .map((level) => plural(counts[level], level))
    .join(", ");
  const record = unrecorded
    ? `; no record yet: add \`stakeholders.${printable(id)}\` to the review`
    : "";
  return `  ${mark} ${chalk.bold(name)}: ${rowCounts(rows)} · ${levels}${record}`;
}

/** Per rule, worst first; an open item's folded overdue finding is counted with it. */
function rowCounts(rows: Row[]): string {
  const overdue = rows.filter((r) => r.folded.length > 0).length;
  const phrase = ruleCounts(rows.map((r) => r.finding));
  if (overdue === 0) return phrase;
  return phrase.replace(/(\d+ open items?)/, `$1 (${overdue} overdue)`);
}

/** Rules whose missing node is not the user's to type in (an item's answer, a sign-off). */
const NO_HINT = new Set(["item-open", "overdue", "signoff-missing"]);

function summary(
  findings: Finding[],
  draftCount: number,
  draftsWithFindings: number,
  chalk: ChalkInstance,
): string {
  const counts = countByLevel(findings);
  const head = `✖ ${plural(findings.length, "problem")} (${countsPhrase(counts)})${
    draftCount > 1 ? ` in ${draftsWithFindings} of ${plural(draftCount, "draft")}` : ""
  }`;
  const colour = counts.error > 0 ? chalk.red : counts.warning > 0 ? chalk.yellow : chalk.blue;
  const blocking = findings.filter(blocks);
  const drafts = new Set(blocking.map((f) => f.draft)).size;
  const verdict =
    blocking.length === 0
      ? "Nothing blocks issuance (no errors)."
      : `Blocks issuance${draftCount > 1 ? ` of ${plural(drafts, "draft")}` : ""}: ${ruleCounts(blocking)}.`;
  return `${colour.bold(head)}\n${verdict}\n`;
}

interface RenderedRow {
  position: string;
  level: Level;
  ruleId: string;
  message: string;
}

function renderRows(rows: RenderedRow[], chalk: ChalkInstance): string {
  const positionWidth = Math.max(...rows.map((r) => r.position.length));
  const levelWidth = Math.max(...rows.map((r) => r.level.length));
  const ruleWidth = Math.max(...rows.map((r) => r.ruleId.length));
  const levelColour: Record<Level, ChalkInstance> = {
    error: chalk.red,
    warning: chalk.yellow,
    note: chalk.blue,
  };
  // The message goes last and unpadded: ours are sentences, often long.
  return rows
    .map((r) => {
      const position =
        positionWidth === 0 ? "" : `${chalk.dim(r.position.padEnd(positionWidth))}  `;
      const level = levelColour[r.level](r.level.padEnd(levelWidth));
      return `      ${position}${level}  ${chalk.dim(r.ruleId.padEnd(ruleWidth))}  ${r.message}`;
    })
    .join("\n");
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]?.[0] ?? "";
}
