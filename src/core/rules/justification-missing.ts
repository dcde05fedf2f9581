/** justification-missing: a not-applicable or risk-accepted item is not justified. */
import type { Finding } from "./findings.js";
import { applicableItems, whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { itemState } from "./state.js";

export const justificationMissing: Rule = {
  meta: ruleMeta(
    "justification-missing",
    "error",
    "A not-applicable or risk-accepted item is not justified",
    "A `not-applicable` response needs a `justification`; a `risk-accepted` response needs both `acceptedBy` and `rationale`. Add them to the review.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const { s, i } of applicableItems(evaluation)) {
      const state = itemState(i, context.asOf);
      if (state.missingJustification.length === 0) continue;
      const label = `${s.stakeholder.id}/${i.item.id}`;
      const message =
        state.status === "not-applicable"
          ? `${label} is marked not-applicable without a \`justification\``
          : `${label} is risk-accepted without ${state.missingJustification.map((f) => `\`${f}\``).join(" and ")}`;
      findings.push(
        context.finding(
          "justification-missing",
          this.meta.defaultLevel,
          message,
          context.itemLocation(s, i),
          whereOf(s, i),
        ),
      );
    }
    return findings;
  },
};
