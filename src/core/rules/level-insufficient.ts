/** level-insufficient: a decision or sign-off below the level the checklist asks for. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { requiredLevelOf } from "./state.js";

export const levelInsufficient: Rule = {
  meta: ruleMeta(
    "level-insufficient",
    "error",
    "A decision or sign-off is below the required level",
    "The stakeholder's checklist entry sets `level: principal` (the head of the office or a deputy must decide), but its decision records `level: staff` or no level, or its last sign-off records `level: staff`. Have the principal decide (or sign off) and record `level: principal`.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true || requiredLevelOf(s) !== "principal") continue;
      const who = `${s.stakeholder.name} (${s.stakeholder.id})`;
      const decision = s.record?.decision;
      if (decision && decision.level !== "principal") {
        findings.push(
          context.finding(
            "level-insufficient",
            this.meta.defaultLevel,
            decision.level
              ? `${who} must decide at principal level, but its decision was made at ${decision.level} level${decision.by ? ` by ${decision.by}` : ""}`
              : `${who} must decide at principal level, but its decision records no \`level\`${decision.by ? ` (decided by ${decision.by})` : ""}`,
            context.stakeholderLocation(s, ["decision", decision.level ? "level" : "status"]),
            whereOf(s),
          ),
        );
      }
      const signoffs = s.record?.signoffs ?? [];
      const last = signoffs.at(-1);
      if (last?.level === "staff") {
        findings.push(
          context.finding(
            "level-insufficient",
            this.meta.defaultLevel,
            `${who} must sign off at principal level, but the sign-off by ${last.name} on ${last.date} is at staff level`,
            context.stakeholderLocation(s, ["signoffs", signoffs.length - 1, "level"]),
            whereOf(s),
          ),
        );
      }
    }
    return findings;
  },
};
