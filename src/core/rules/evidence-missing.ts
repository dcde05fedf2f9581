/** evidence-missing: a satisfied item lacks an evidence field the item requires. */
import type { Finding } from "./findings.js";
import { applicableItems, whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { itemState } from "./state.js";

export const evidenceMissing: Rule = {
  meta: ruleMeta(
    "evidence-missing",
    "error",
    "A satisfied item lacks required evidence",
    "The item is `satisfied` but its response lacks a field listed in the item's `evidence` (for example `contact`, `date` or `document`). Add the missing evidence to the review.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const { s, i } of applicableItems(evaluation)) {
      const { missingEvidence } = itemState(i, context.state, s);
      if (missingEvidence.length === 0) continue;
      findings.push(
        context.finding(
          "evidence-missing",
          this.meta.defaultLevel,
          `${s.stakeholder.id}/${i.item.id} is satisfied but lacks ${missingEvidence.map((m) => `\`${m}\``).join(", ")}, which this item requires as evidence`,
          context.itemLocation(s, i),
          whereOf(s, i),
        ),
      );
    }
    return findings;
  },
};
