/** overdue: an item that is not done is past its due date. */
import type { Finding } from "./findings.js";
import { applicableItems, whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { itemState } from "./state.js";

export const overdue: Rule = {
  meta: ruleMeta(
    "overdue",
    "warning",
    "An item is past its due date",
    "The item is not done and its due date (the draft's issuance date minus the item's `due` duration) is before the as-of date (`--as-of`, default today). Resolve the item or move the issuance date.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const { s, i } of applicableItems(evaluation)) {
      const state = itemState(i, context.asOf);
      if (!state.overdue) continue;
      findings.push(
        context.finding(
          "overdue",
          this.meta.defaultLevel,
          `${s.stakeholder.id}/${i.item.id} was due ${i.dueDate} (${i.item.due} before issuance) and is still ${state.status}`,
          context.itemLocation(s, i),
          whereOf(s, i),
        ),
      );
    }
    return findings;
  },
};
