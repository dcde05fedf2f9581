/** tasking-missing: a clear or consult stakeholder with a suspense was never tasked. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { roleOf } from "./state.js";

export const taskingMissing: Rule = {
  meta: ruleMeta(
    "tasking-missing",
    "warning",
    "A stakeholder with a suspense was never tasked",
    "An applicable `clear` or `consult` stakeholder whose checklist entry declares a `suspense` has no `tasking` record in the review, so nobody can tell when it was asked or when its answer is due. Record `tasking: { tasked, tasker }`; the suspense is computed in business days unless given.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true || roleOf(s) === "inform") continue;
      const suspense = s.stakeholder.suspense;
      if (!suspense || s.record?.tasking) continue;
      findings.push(
        context.finding(
          "tasking-missing",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) has a suspense of ${suspense.businessDays} business days but the review records no tasking; record \`tasking: { tasked, tasker }\``,
          context.stakeholderLocation(s, ["tasking"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
