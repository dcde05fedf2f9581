/** decision-missing: an applicable stakeholder has recorded no decision. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { decisionState } from "./state.js";

export const decisionMissing: Rule = {
  meta: ruleMeta(
    "decision-missing",
    "error",
    "An applicable stakeholder has no decision",
    "Every applicable stakeholder must record a decision (`concur`, `concur-with-comments` or `non-concur`) in the review before the policy is issued.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true || decisionState(s).settled) continue;
      findings.push(
        context.finding(
          "decision-missing",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) has not recorded a decision (concur, concur-with-comments or non-concur)`,
          context.stakeholderLocation(s, ["decision"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
