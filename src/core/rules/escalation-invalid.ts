/** escalation-invalid: an objection decided by someone not in escalateTo, or an escalation that cannot be one. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { decisionState } from "./state.js";

export const escalationInvalid: Rule = {
  meta: ruleMeta(
    "escalation-invalid",
    "error",
    "A non-concurrence was decided over by someone not entitled to",
    "The stakeholder's non-concurrence was escalated and `overruled`, but the deciding official's title (`escalation.decidedBy.title`) is not in the stakeholder's `escalateTo` (or, when it has none, the checklist's), or no `decidedBy` is recorded; or an escalation is recorded for an office that did not non-concur. Have the matter decided by an official listed in `escalateTo`, or correct the record.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      const escalation = decisionState(s, context.state).escalation;
      if (escalation?.status !== "invalid") continue;
      const field = escalation.field ?? "to";
      findings.push(
        context.finding(
          "escalation-invalid",
          this.meta.defaultLevel,
          `the escalation of ${s.stakeholder.name} (${s.stakeholder.id})'s objection cannot count: ${escalation.problem}`,
          context.stakeholderLocation(
            s,
            field === "decidedBy" ? ["escalation", "decidedBy", "title"] : ["escalation", field],
          ),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
