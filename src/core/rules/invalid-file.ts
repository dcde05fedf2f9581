/**
 * invalid-file: a file fails validation. Load errors become findings in
 * core/check.ts; this module's check reports conditions and demands that fail
 * at run time (division by zero…), which decide nothing: without a finding
 * the stakeholder or item would silently drop out of the gate.
 */
import type { Origin } from "../load/checklist.js";
import { formatFactValue } from "../evaluate/facts.js";
import type { FactValue } from "../types/draft.js";
import { locate } from "../load/yaml.js";
import { nonBusinessReason } from "../evaluate/business-days.js";
import { isCalendarDate } from "../evaluate/dates.js";
import type { Evaluation } from "../evaluate/evaluate.js";
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule, RuleContext } from "./rule.js";
import { ruleMeta } from "./rule.js";

export const invalidFile: Rule = {
  meta: ruleMeta(
    "invalid-file",
    "error",
    "A checklist, draft or review fails validation",
    "The file does not parse, does not match its JSON Schema, or breaks a semantic rule (duplicate ids, unresolved references, cycles, CEL expressions that do not type-check). The draft it belongs to cannot be fully evaluated until the file is fixed; other drafts are still checked. In a review it also marks a hand-given tasking suspense on a weekend or federal holiday, a tasking dated after the decision, and a comment or condition id used twice.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    const level = this.meta.defaultLevel;
    const report = (
      what: string,
      outcome: { error?: string; reads: Array<{ name: string; value: unknown }> },
      origin: Origin | undefined,
      fallback: Origin,
      where: { stakeholder?: string; item?: string },
    ) => {
      if (!outcome.error) return;
      const reads = outcome.reads
        .map((r) => `${r.name} = ${formatFactValue(r.value as FactValue | undefined)}`)
        .join(", ");
      const at = origin ?? fallback;
      findings.push(
        context.finding(
          "invalid-file",
          level,
          `${what} cannot be evaluated${reads ? ` with ${reads}` : ""}: ${outcome.error}; fix the expression or the facts`,
          locate(at.loaded, at.path),
          where,
        ),
      );
    };
    for (const s of evaluation.stakeholders) {
      const stakeholder = s.stakeholder.id;
      report(
        `appliesWhen of ${stakeholder}`,
        s.condition,
        s.stakeholder.fieldOrigins.appliesWhen,
        s.stakeholder.origin,
        { stakeholder },
      );
      for (const i of s.items) {
        const where = { stakeholder, item: i.item.id };
        const label = `${stakeholder}/${i.item.id}`;
        report(
          `appliesWhen of ${label}`,
          i.condition,
          i.item.fieldOrigins.appliesWhen,
          i.item.origin,
          where,
        );
        if (i.demand) {
          const capacity = i.item.fieldOrigins.capacity;
          report(
            `capacity demand of ${label}`,
            i.demand,
            capacity && { loaded: capacity.loaded, path: [...capacity.path, "demand"] },
            i.item.origin,
            where,
          );
        }
      }
    }
    findings.push(...recordProblems(evaluation, context));
    return findings;
  },
};

/**
 * What the review schema cannot say about a stakeholder record (SPEC part
 * two): a hand-given suspense on a weekend or holiday, a tasking dated after
 * the decision, a comment or condition id used twice.
 */
function recordProblems(evaluation: Evaluation, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const level = invalidFile.meta.defaultLevel;
  for (const s of evaluation.stakeholders) {
    const record = s.record;
    if (!record) continue;
    const id = s.stakeholder.id;
    const add = (message: string, path: Array<string | number>) =>
      findings.push(
        context.finding(
          "invalid-file",
          level,
          message,
          context.stakeholderLocation(s, path),
          whereOf(s),
        ),
      );
    const tasking = record.tasking;
    if (tasking?.suspense && isCalendarDate(tasking.suspense)) {
      const reason = nonBusinessReason(tasking.suspense);
      if (reason) {
        const days = s.stakeholder.suspense?.businessDays;
        add(
          `the suspense ${tasking.suspense} given for ${id} is ${reason}; a suspense is a business day${days !== undefined ? ` (or leave it out to count ${days} business days from the tasking)` : ""}`,
          ["tasking", "suspense"],
        );
      }
    }
    const decided = record.decision?.date;
    if (tasking && decided && tasking.tasked > decided) {
      add(
        `${id} is recorded as tasked on ${tasking.tasked}, after its decision on ${decided}; an office is tasked before it decides`,
        ["tasking", "tasked"],
      );
    }
    const seen = new Set<string>();
    (record.comments ?? []).forEach((comment, index) => {
      if (seen.has(comment.id))
        add(`comment id \`${comment.id}\` is used twice for ${id}; give each comment its own id`, [
          "comments",
          index,
          "id",
        ]);
      seen.add(comment.id);
    });
    const conditions = new Set<string>();
    (record.decision?.conditions ?? []).forEach((condition, index) => {
      if (conditions.has(condition.id))
        add(
          `condition id \`${condition.id}\` is used twice in ${id}'s decision; give each condition its own id`,
          ["decision", "conditions", index, "id"],
        );
      conditions.add(condition.id);
    });
  }
  return findings;
}
