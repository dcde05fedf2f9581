import { jsonText, terminalLines } from "../../core/terminal.js";
import path from "node:path";
import { Chalk } from "chalk";
import type { ChalkInstance } from "chalk";
import { evaluate, loadBundle } from "../../core/evaluate/evaluate.js";
import { DONE_STATUSES } from "../../core/rules/state.js";
import { explain } from "../../core/evaluate/explain.js";
import type {
  ConditionExplanation,
  Explanation,
  StakeholderExplanation,
} from "../../core/evaluate/explain.js";
import { formatFactValue } from "../../core/evaluate/facts.js";
import { displayPath } from "../../core/load/paths.js";
import { createContext } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

export async function explainCommand(
  file: string,
  options: { format: "text" | "json" },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  // Paths are resolved against the CLI's working directory, never the
  // process's. A draft too broken to evaluate throws (kind "unevaluable": exit
  // 2, with paths shown relative, by src/cli/main.ts).
  const evaluation = evaluate(
    loadBundle(path.resolve(io.cwd, file), context.library, {
      allowOutside: context.allowOutside,
    }),
  );
  const explanation = explain(evaluation, context.asOf);
  explanation.draft.file = displayPath(explanation.draft.file, io.cwd);
  for (const fact of explanation.facts) {
    if (fact.from !== null) fact.from = displayPath(fact.from, io.cwd);
  }
  if (options.format === "json") {
    io.stdout.write(`${jsonText(explanation, null, 2)}\n`);
  } else {
    // Every string from the draft, checklists and review as one printable line.
    const shown = terminalLines(explanation);
    io.stdout.write(renderExplanation(shown, new Chalk({ level: context.color ? 1 : 0 })));
  }
  return 0;
}

function why(c: ConditionExplanation): string {
  if (c.expression === null) return "always";
  const reads = c.reads
    .map((r) => `${r.fact} = ${formatFactValue(r.value ?? undefined)}`)
    .join(", ");
  const result = c.error
    ? `error: ${c.error}`
    : c.result === null
      ? `unknown: no value for ${c.missing.join(", ")}`
      : String(c.result);
  return `${c.expression}${reads ? `  with ${reads}` : ""}  → ${result}`;
}

export function renderExplanation(e: Explanation, chalk: ChalkInstance): string {
  const out: string[] = [];
  out.push(chalk.bold(`${e.draft.title}`) + chalk.dim(` (${e.draft.id}, ${e.draft.file})`));
  out.push(`Checklists: ${e.checklists.map((c) => `${c.id}@${c.version}`).join(", ")}`);
  if (e.draft.issuanceDate) out.push(`Issuance date: ${e.draft.issuanceDate}`);
  if (e.draft.textFormat !== "markdown") {
    out.push(
      e.draft.textFormat === "docx"
        ? "Policy text: the Word document's text (re-saving it without changing a word stales nothing)"
        : "Policy text: digested as bytes (not a format preclear reads as text: any re-save stales sign-offs, and there are no redlines)",
    );
  }
  out.push("");
  out.push(chalk.bold("Facts"));
  for (const f of e.facts) {
    out.push(
      `  ${f.name} = ${f.value === null ? chalk.yellow("(no value)") : formatFactValue(f.value)}`,
    );
  }
  const applicable = e.stakeholders.filter((s) => s.applies === true);
  const unknown = e.stakeholders.filter((s) => s.applies === null);
  const ruledOut = e.stakeholders.filter((s) => s.applies === false);
  out.push("");
  out.push(chalk.bold(`Applicable stakeholders, in coordination order (${applicable.length})`));
  out.push(chalk.dim("  items: ✓ done · ○ still to do · – does not apply · ? undecided"));
  for (const s of applicable) {
    out.push(
      `  ${s.order}. ${chalk.bold(s.name)} ${chalk.dim(`[${s.id}]`)}${s.dependsOn.length ? chalk.dim(` after ${s.dependsOn.join(", ")}`) : ""}`,
    );
    out.push(`     applies: ${why(s.condition)}`);
    if (s.lifecycle) out.push(`     ${lifecycleLine(s, chalk)}`);
    for (const i of s.items) {
      // ✓ only for an item that is done; an applicable item still to do is ○.
      const mark =
        i.applies === true
          ? DONE_STATUSES.has(i.status)
            ? chalk.green("✓")
            : chalk.yellow("○")
          : i.applies === false
            ? chalk.dim("–")
            : chalk.yellow("?");
      const status =
        i.applies === true
          ? ` ${chalk.dim(`(${i.severity}, ${i.status}${i.dueDate ? `, due ${i.dueDate}` : ""})`)}`
          : "";
      out.push(`     ${mark} ${i.id}${status}`);
      if (i.condition.expression !== null) out.push(chalk.dim(`         when ${why(i.condition)}`));
      if (i.demand && i.applies === true) {
        out.push(
          chalk.dim(
            `         demand ${i.demand.expression} = ${i.demand.value ?? "unknown"}${i.demand.unit ? ` ${i.demand.unit}` : ""}; confirmed capacity ${i.demand.capacity ?? "none"}`,
          ),
        );
      }
    }
  }
  if (unknown.length) {
    out.push("");
    out.push(chalk.bold(chalk.yellow(`Undecided: facts missing (${unknown.length})`)));
    for (const s of unknown)
      out.push(`  ${s.name} ${chalk.dim(`[${s.id}]`)}\n     ${why(s.condition)}`);
  }
  if (ruledOut.length) {
    out.push("");
    out.push(chalk.bold(`Does not apply (${ruledOut.length})`));
    for (const s of ruledOut) {
      out.push(`  ${s.name} ${chalk.dim(`[${s.id}]`)}\n     ${why(s.condition)}`);
      const scopeOut = s.lifecycle?.scopeOut;
      if (scopeOut) out.push(`     ${scopeOutLine(scopeOut, chalk)}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** SPEC part two: role, level, notice, suspense and decision state of an applicable office. */
function lifecycleLine(s: StakeholderExplanation, chalk: ChalkInstance): string {
  const l = s.lifecycle!;
  const parts = [`role: ${l.role}`, `level: ${l.level}`];
  if (l.role !== "clear")
    parts.push(l.notice ? `notice ${l.notice}` : chalk.yellow("no notice recorded"));
  const sp = l.suspense;
  if (sp) {
    if (sp.tasked === null)
      parts.push(chalk.yellow(`suspense ${sp.businessDays} business days, not tasked`));
    else {
      const days =
        sp.computed && sp.businessDays !== null ? ` (${sp.businessDays} business days)` : "";
      const ext = sp.extendedTo ? `, extended to ${sp.extendedTo}` : "";
      const past =
        sp.past && l.decision === "pending" ? chalk.yellow(" — passed, no decision") : "";
      parts.push(
        `tasked ${sp.tasked}${sp.date ? `, suspense ${sp.date}${days}` : ""}${ext}${past}`,
      );
    }
  }
  if (l.silenceIsConcurrence) parts.push("silence is concurrence");
  parts.push(`decision: ${l.decision}`);
  return parts.join(" · ");
}

function scopeOutLine(
  scopeOut: NonNullable<NonNullable<StakeholderExplanation["lifecycle"]>["scopeOut"]>,
  chalk: ChalkInstance,
): string {
  if (scopeOut.confirmedBy)
    return `scope-out: confirmed by ${scopeOut.confirmedBy} on ${scopeOut.date} (${scopeOut.basis})`;
  return chalk.red(
    "scope-out: NOT CONFIRMED (the checklist asks that it be confirmed: scopeOut in the review)",
  );
}
