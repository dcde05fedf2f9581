/** signoff-missing: a stakeholder that requires a sign-off has none. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { signoffRequired } from "./state.js";

export const signoffMissing: Rule = {
  meta: ruleMeta(
    "signoff-missing",
    "error",
    "A required sign-off is missing",
    "The stakeholder has `signoff: required` but the review holds no sign-off for it. Record one with `preclear signoff`. Only `clear` stakeholders sign; one cleared by silence or decided over its objection is not asked to.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      if (!signoffRequired(s, context.state) || (s.record?.signoffs ?? []).length > 0) continue;
      findings.push(
        context.finding(
          "signoff-missing",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) requires a sign-off and has none`,
          context.stakeholderLocation(s, ["signoffs"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
