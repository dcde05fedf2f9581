/** input-missing: an item is satisfied before the items it needs. */
import type { Finding } from "./findings.js";
import { applicableItems, whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { itemState } from "./state.js";

export const inputMissing: Rule = {
  meta: ruleMeta(
    "input-missing",
    "warning",
    "An item is satisfied before the items it needs",
    "The item declares inputs (`needs: [stakeholder/item, …]`) and is `satisfied`, but an input that applies is not yet done, so the answer was given without what it is built on. Confirm the input, then revisit the item.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    const all = applicableItems(evaluation);
    const byRef = new Map(all.map((x) => [`${x.s.stakeholder.id}/${x.i.item.id}`, x]));
    for (const { s, i } of all) {
      if (!i.item.needs?.length) continue;
      if (itemState(i, context.state, s).status !== "satisfied") continue;
      const missing = i.item.needs.filter((ref) => {
        const input = byRef.get(ref);
        return input !== undefined && !itemState(input.i, context.state, input.s).done;
      });
      if (missing.length === 0) continue;
      findings.push(
        context.finding(
          "input-missing",
          this.meta.defaultLevel,
          `${s.stakeholder.id}/${i.item.id} is satisfied, but ${missing.map((m) => `${m} (${itemState(byRef.get(m)!.i, context.state, byRef.get(m)!.s).status})`).join(", ")}, which it needs, ${missing.length === 1 ? "is" : "are"} not done`,
          context.itemLocation(s, i),
          whereOf(s, i),
        ),
      );
    }
    return findings;
  },
};
