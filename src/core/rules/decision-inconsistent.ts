/** decision-inconsistent: a concurrence while a critical comment of the same office is unresolved. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { commentState } from "./state.js";

export const decisionInconsistent: Rule = {
  meta: ruleMeta(
    "decision-inconsistent",
    "error",
    "A stakeholder concurs while its critical comment is unresolved",
    "A critical comment means non-concurrence until it is resolved, so a `concur` or `concur-with-comments` decision next to an unresolved critical comment of the same office contradicts itself. Resolve the comment (accepted, or agreed by the commenter) or record the decision the office actually holds.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      const decision = s.record?.decision;
      if (s.applies !== true || !decision || decision.status === "non-concur") continue;
      const open = (s.record?.comments ?? []).filter(
        (c) => c.type === "critical" && commentState(c).unresolved,
      );
      if (open.length === 0) continue;
      findings.push(
        context.finding(
          "decision-inconsistent",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) records ${decision.status} while its critical comment${open.length === 1 ? "" : "s"} ${open.map((c) => c.id).join(", ")} ${open.length === 1 ? "is" : "are"} unresolved`,
          context.stakeholderLocation(s, ["decision", "status"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
