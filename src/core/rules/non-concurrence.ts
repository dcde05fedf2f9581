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
    "A stakeholder recorded `non-concur`. Resolve the stakeholder's comments and obtain a new decision before issuance.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true || decisionState(s).state !== "non-concur") continue;
      const comments = s.record?.decision?.comments;
      findings.push(
        context.finding(
          "non-concurrence",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) non-concurs${comments ? `: ${comments.trim().split(/\r?\n/)[0]}` : ""}`,
          context.stakeholderLocation(s, ["decision", "status"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
