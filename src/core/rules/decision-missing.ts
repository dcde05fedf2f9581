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
    "Every applicable stakeholder with the `clear` role (the default) must record a decision (`concur`, `concur-with-comments` or `non-concur`) in the review before the policy is issued. Consult and inform stakeholders are not asked to decide; a `silenceIsConcurrence` stakeholder with no decision after its suspense is cleared by silence (deemed-concurrence); a non-concurrence withdrawn after escalation needs a new decision.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      const state = decisionState(s, context.state);
      if (state.settled) continue;
      const withdrawn = state.escalation?.status === "withdrawn";
      findings.push(
        context.finding(
          "decision-missing",
          this.meta.defaultLevel,
          withdrawn
            ? `${s.stakeholder.name} (${s.stakeholder.id}) withdrew its non-concurrence after escalation and has not recorded a new decision (concur or concur-with-comments)`
            : `${s.stakeholder.name} (${s.stakeholder.id}) has not recorded a decision (concur, concur-with-comments or non-concur)`,
          context.stakeholderLocation(s, ["decision"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
