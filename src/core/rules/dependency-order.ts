/** dependency-order: a stakeholder decided before one it depends on. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { decisionState } from "./state.js";

export const dependencyOrder: Rule = {
  meta: ruleMeta(
    "dependency-order",
    "warning",
    "A stakeholder decided before one it depends on",
    "The stakeholder's decision is dated before the decision of a stakeholder listed in its `dependsOn`, so it was made without the input it was meant to wait for. Confirm the decision still stands once its dependencies have decided. A consult or inform stakeholder is not waited for (it is not asked to decide); one cleared by silence counts as deciding on its suspense.",
  ),
  check(evaluation, context): Finding[] {
    const byId = new Map(evaluation.stakeholders.map((s) => [s.stakeholder.id, s]));
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      const decision = s.record?.decision;
      if (s.applies !== true || !decision) continue;
      for (const depId of s.stakeholder.dependsOn) {
        const dep = byId.get(depId);
        if (!dep || dep.applies !== true) continue;
        const depState = decisionState(dep, context.state);
        // A consult or inform office is not asked to decide: nothing to wait for.
        if (depState.state === "not-asked") continue;
        // One cleared by silence counts as deciding on its deadline.
        const depDate = dep.record?.decision?.date ?? depState.silentSince;
        const depDecided = dep.record?.decision !== undefined || depState.silentSince !== undefined;
        let problem: string | undefined;
        if (!depDecided) problem = `before ${depId}, which it depends on, has decided`;
        else if (decision.date && depDate && decision.date < depDate) {
          problem = `on ${decision.date}, before ${depId} (which it depends on) decided on ${depDate}`;
        }
        if (problem) {
          findings.push(
            context.finding(
              "dependency-order",
              this.meta.defaultLevel,
              `${s.stakeholder.id} decided ${problem}; coordinate in dependsOn order`,
              context.stakeholderLocation(s, ["decision", "date"]),
              whereOf(s),
            ),
          );
        }
      }
    }
    return findings;
  },
};
