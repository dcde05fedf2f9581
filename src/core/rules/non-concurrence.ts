/** non-concurrence: a stakeholder non-concurs and the objection stands. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { decisionState } from "./state.js";

export const nonConcurrence: Rule = {
  meta: ruleMeta(
    "non-concurrence",
    "error",
    "A stakeholder non-concurs",
    'A stakeholder recorded `non-concur`. Resolve the stakeholder\'s comments and obtain a new decision before issuance, or elevate the objection (`escalation` in the review): pending, the finding says where it was elevated; `overruled` by an official whose title is in `escalateTo` clears it (the report shows "decided over objection" with the dissent); `upheld` keeps it; `withdrawn` asks for a new decision.',
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      const state = decisionState(s, context.state);
      // An overruling that cannot count is escalation-invalid's to report.
      if (state.state !== "non-concur" || state.escalation?.status === "invalid") continue;
      const comments = s.record?.decision?.comments;
      const escalation = state.escalation;
      let where = "";
      if (escalation?.status === "pending")
        where = `; elevated to ${escalation.record.to}${escalation.record.date ? ` on ${escalation.record.date}` : ""}, not yet decided`;
      else if (escalation?.status === "upheld") {
        const by = escalation.record.decidedBy;
        where = `; elevated to ${escalation.record.to}, which upheld the objection${by ? ` (${by.name}, ${by.title}${escalation.record.decided ? `, ${escalation.record.decided}` : ""})` : ""}`;
      }
      findings.push(
        context.finding(
          "non-concurrence",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) non-concurs${comments ? `: ${comments.trim().split(/\r?\n/)[0]}` : ""}${where}`,
          context.stakeholderLocation(s, ["decision", "status"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
