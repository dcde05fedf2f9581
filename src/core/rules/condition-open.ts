/** condition-open: a conditional concurrence has a condition not yet met. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { decisionState } from "./state.js";

export const conditionOpen: Rule = {
  meta: ruleMeta(
    "condition-open",
    "error",
    "A conditional concurrence has an open condition",
    "The stakeholder concurred on conditions (`decision.conditions`) and one of them is still `open`. Meet it and record `status: met`; the report tracks each open condition with its owner and due date.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      for (const { condition, index, open } of decisionState(s, context.state).conditions) {
        if (!open) continue;
        const owner = condition.owner ? `; owner ${condition.owner}` : "";
        const due = condition.due ? `, due ${condition.due}` : "";
        findings.push(
          context.finding(
            "condition-open",
            this.meta.defaultLevel,
            `${s.stakeholder.name} (${s.stakeholder.id}) concurs on condition ${condition.id}, still open: ${condition.text.trim().split(/\r?\n/)[0]}${owner}${due}`,
            context.stakeholderLocation(s, [
              "decision",
              "conditions",
              index,
              condition.status ? "status" : "id",
            ]),
            whereOf(s),
          ),
        );
      }
    }
    return findings;
  },
};
