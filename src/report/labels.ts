/**
 * How each state reads in a report: a text label always, plus an emoji for
 * Markdown and a tone and shape for HTML, so that colour is never the only
 * signal (readers who cannot tell red from green still read the label and
 * see the shape).
 */
import { formatNumber } from "../core/numbers.js";
import { formatFactValue } from "../core/evaluate/facts.js";
import type {
  CapacityState,
  DecisionState,
  ItemStatus,
  ReportCondition,
  SignoffState,
} from "./model.js";

export type Tone = "good" | "fair" | "warn" | "bad" | "neutral" | "info";
export type Shape =
  "check" | "circle" | "ring" | "diamond" | "triangle" | "cross" | "dash" | "square";

export interface StateLabel {
  text: string;
  emoji: string;
  tone: Tone;
  shape: Shape;
}

const label = (text: string, emoji: string, tone: Tone, shape: Shape): StateLabel => ({
  text,
  emoji,
  tone,
  shape,
});

/** The columns of the comment-resolution matrix (HTML and Markdown reports). */
export const COMMENT_COLUMNS = [
  "Office",
  "#",
  "Type",
  "Location",
  "Comment",
  "Proposed",
  "Disposition",
  "Response",
  "Resolution",
] as const;

export const DECISION: Record<DecisionState, StateLabel> = {
  concur: label("Concur", "✅", "good", "check"),
  "concur-with-comments": label("Concur with comments", "☑️", "fair", "diamond"),
  "non-concur": label("Non-concur", "⛔", "bad", "cross"),
  pending: label("No decision", "⏳", "neutral", "ring"),
  "decided-over-objection": label("Decided over objection", "⚖️", "warn", "diamond"),
  "cleared-by-silence": label("Cleared by silence", "🔕", "fair", "circle"),
  "not-asked": label("No decision asked", "➖", "neutral", "dash"),
};

export const SIGNOFF: Record<SignoffState, StateLabel> = {
  "signature-verified": label("Signature verified", "🔏", "good", "check"),
  valid: label("Valid", "✅", "good", "circle"),
  stale: label("Stale", "⚠️", "warn", "triangle"),
  invalid: label("Signature invalid", "❌", "bad", "cross"),
  missing: label("Missing", "❌", "bad", "ring"),
  "not-required": label("Not required", "➖", "neutral", "dash"),
};

export const ITEM_STATUS: Record<ItemStatus, StateLabel> = {
  satisfied: label("Satisfied", "✅", "good", "check"),
  "not-applicable": label("Not applicable", "➖", "neutral", "dash"),
  "risk-accepted": label("Risk accepted", "⚠️", "warn", "triangle"),
  "in-progress": label("In progress", "🔄", "info", "diamond"),
  open: label("Open", "⭕", "bad", "ring"),
};

export const OVERDUE: StateLabel = label("Overdue", "⏰", "bad", "triangle");

/** A `satisfied` answer whose confirmed capacity is below the demand: not the green "Satisfied". */
export const BELOW_DEMAND: StateLabel = label("Answered — below demand", "🟥", "bad", "square");

/** The label of an item's state: its status, unless the answer is below the demand. */
export function itemLabel(item: { status: ItemStatus; belowDemand: boolean }): StateLabel {
  return item.belowDemand ? BELOW_DEMAND : ITEM_STATUS[item.status];
}

export const CAPACITY: Record<CapacityState, StateLabel> = {
  sufficient: label("Sufficient", "✅", "good", "check"),
  shortfall: label("Shortfall", "❌", "bad", "cross"),
  unconfirmed: label("Not confirmed", "❓", "bad", "ring"),
  unknown: label("Demand unknown", "❔", "warn", "triangle"),
  waived: label("Waived", "➖", "neutral", "dash"),
  late: label("Available too late", "⏰", "bad", "triangle"),
};

export const SEVERITY: Record<"blocker" | "major" | "minor", string> = {
  blocker: "Blocker",
  major: "Major",
  minor: "Minor",
};

export const LEVEL: Record<"error" | "warning" | "note", StateLabel> = {
  error: label("Error", "❌", "bad", "cross"),
  warning: label("Warning", "⚠️", "warn", "triangle"),
  note: label("Note", "ℹ️", "info", "circle"),
};

/** Numbers as every other message shows them: `21,000`, `2.5`. */
export { formatNumber };

/** `21,000 bed-days/month`, or `—` when there is no number. */
export function withUnit(n: number | null, unit: string | null): string {
  if (n === null) return "—";
  return unit ? `${formatNumber(n)} ${unit}` : formatNumber(n);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * A condition as a plain sentence for readers, from the facts' own questions:
 * `Applies: “Does the policy affect families?” yes.` The CEL stays in the
 * JSON report (and in `conditionText`, for the technical appendix).
 */
export function conditionSentence(
  c: ReportCondition,
  facts: ReadonlyArray<{ name: string; question: string; unit: string | null }>,
): string {
  if (c.expression === null) return "Always applies.";
  if (c.error) return `Cannot be decided: the condition fails (${c.error}).`;
  const byName = new Map(facts.map((f) => [f.name, f]));
  const asked = (name: string) => `“${byName.get(name)?.question ?? name}”`;
  if (c.result === null) {
    return `Undecided until answered: ${c.missing.map(asked).join("; ")}.`;
  }
  const answers = c.reads.map((r) => {
    const unit = byName.get(r.fact)?.unit;
    const value = r.value;
    const answer =
      value === null
        ? "no answer"
        : typeof value === "boolean"
          ? value
            ? "yes"
            : "no"
          : typeof value === "number"
            ? `${formatNumber(value)}${unit ? ` ${unit}` : ""}`
            : formatFactValue(value);
    return `${asked(r.fact)} ${answer}`;
  });
  const verdict = c.result ? "Applies" : "Does not apply";
  return answers.length ? `${verdict}: ${answers.join("; ")}.` : `${verdict}.`;
}

/** `facts.custody != 'none' with custody = "both" → true`, or `always`. */
export function conditionText(c: ReportCondition): string {
  if (c.expression === null) return "always";
  if (c.error) return `${c.expression} → error: ${c.error}`;
  const reads = c.reads.map((r) => `${r.fact} = ${formatFactValue(r.value ?? undefined)}`);
  const outcome =
    c.result === null ? `unknown: no value for ${c.missing.join(", ")}` : String(c.result);
  return `${c.expression}${reads.length ? ` with ${reads.join(", ")}` : ""} → ${outcome}`;
}
