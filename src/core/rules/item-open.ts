/** item-open: an applicable item is not resolved; its level follows the item's severity. */
import type { Finding, Level } from "./findings.js";
import { applicableItems, whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { itemState, roleOf } from "./state.js";

const BY_SEVERITY: Record<"blocker" | "major" | "minor", Level> = {
  blocker: "error",
  major: "warning",
  minor: "note",
};

export const itemOpen: Rule = {
  meta: ruleMeta(
    "item-open",
    "error",
    "An applicable item is not resolved",
    "An applicable checklist item is not `satisfied`, `not-applicable` or `risk-accepted`. The level follows the item's severity: blocker is an error, major a warning, minor a note (the default level recorded here is the blocker's); an `inform` stakeholder's items are always notes. Record the stakeholder's answer in the review.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const { s, i } of applicableItems(evaluation)) {
      const state = itemState(i, context.state, s);
      if (state.done) continue;
      // An inform office's items are informational: never above a note.
      const level = roleOf(s) === "inform" ? "note" : BY_SEVERITY[i.item.severity];
      findings.push(
        context.finding(
          "item-open",
          level,
          `${i.item.severity} item ${s.stakeholder.id}/${i.item.id} is ${state.status}: ${i.item.question}`,
          context.itemLocation(s, i),
          whereOf(s, i),
        ),
      );
    }
    return findings;
  },
};
