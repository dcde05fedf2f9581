/** scope-out-unconfirmed: the facts rule out a confirmScopeOut stakeholder and nobody confirmed it. */
import { formatFactValue } from "../evaluate/facts.js";
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";

export const scopeOutUnconfirmed: Rule = {
  meta: ruleMeta(
    "scope-out-unconfirmed",
    "error",
    "A stakeholder ruled out by the facts has not confirmed it is unaffected",
    "The stakeholder has `confirmScopeOut: true` and the drafter's facts make its appliesWhen false, so it would drop out of clearance on the drafter's word alone. Record in the review that the office itself, or the clearance office, agrees it is not affected: `scopeOut: { confirmedBy, date, basis }`. The finding shows the facts that ruled it out.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== false || !s.stakeholder.confirmScopeOut || s.record?.scopeOut) continue;
      const reads = s.condition.reads
        .map((r) => `${r.name} = ${formatFactValue(r.value)}`)
        .join(", ");
      findings.push(
        context.finding(
          "scope-out-unconfirmed",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) is ruled out by ${s.condition.expression}${reads ? ` with ${reads}` : ""} → false, but must confirm it is not affected; record \`scopeOut: { confirmedBy, date, basis }\` for it in the review`,
          context.stakeholderLocation(s, ["scopeOut"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
