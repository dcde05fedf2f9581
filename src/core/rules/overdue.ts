/**
 * overdue: an item that is not done is past its deadline (in order: the
 * tasking's extension, its suspense, the item's due date), or an office that
 * was tasked has not decided by its suspense.
 */
import type { Finding } from "./findings.js";
import { applicableItems, whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { decisionState, itemState, taskingState } from "./state.js";
import type { Deadline } from "./state.js";

function when(deadline: Deadline, due: string | undefined): string {
  if (deadline.source === "extension") return `by its extended suspense ${deadline.date}`;
  if (deadline.source === "suspense") return `by its tasking suspense ${deadline.date}`;
  return `${deadline.date} (${due} before issuance)`;
}

export const overdue: Rule = {
  meta: ruleMeta(
    "overdue",
    "warning",
    "An item is past its due date",
    "The item is not done and its deadline is before the as-of date (`--as-of`, default today). The deadline is, in order: the tasking's `extendedTo`, the tasking's suspense (given, or computed in business days from the checklist's `suspense`), the item's due date (the draft's issuance date minus the item's `due`). An office tasked with a suspense that has not decided by it is overdue too. Resolve the item, record the decision or an extension, or move the issuance date.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const { s, i } of applicableItems(evaluation)) {
      const state = itemState(i, context.state, s);
      if (!state.overdue || !state.deadline) continue;
      findings.push(
        context.finding(
          "overdue",
          this.meta.defaultLevel,
          `${s.stakeholder.id}/${i.item.id} was due ${when(state.deadline, i.item.due)} and is still ${state.status}`,
          context.itemLocation(s, i),
          whereOf(s, i),
        ),
      );
    }
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      const tasking = taskingState(s, context.state);
      if (!tasking?.deadline || !tasking.past) continue;
      const decision = decisionState(s, context.state);
      if (decision.state !== "pending") continue;
      findings.push(
        context.finding(
          "overdue",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) was tasked on ${tasking.tasked} and has not decided by its ${tasking.extendedTo ? "extended suspense" : "suspense"} ${tasking.deadline}`,
          context.stakeholderLocation(s, [
            "tasking",
            tasking.extendedTo ? "extendedTo" : tasking.computed ? "tasked" : "suspense",
          ]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
