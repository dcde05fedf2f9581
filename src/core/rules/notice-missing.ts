/** notice-missing: a consult or inform stakeholder was never given notice. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { roleOf } from "./state.js";

export const noticeMissing: Rule = {
  meta: ruleMeta(
    "notice-missing",
    "error",
    "A consult or inform stakeholder has no notice record",
    "A stakeholder with `role: consult` must be given notice of the draft and a chance to comment; one with `role: inform` must be given notice. The review records it as `notice: { date, version, by, means }`. Missing, it is an error for a consult stakeholder and a warning for an inform one.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      const role = roleOf(s);
      if (s.applies !== true || role === "clear" || s.record?.notice) continue;
      findings.push(
        context.finding(
          "notice-missing",
          role === "consult" ? "error" : "warning",
          role === "consult"
            ? `${s.stakeholder.name} (${s.stakeholder.id}) is consulted but the review records no notice to it; record \`notice: { date, by, means }\` once it has the draft to comment on`
            : `${s.stakeholder.name} (${s.stakeholder.id}) is to be informed but the review records no notice to it; record \`notice: { date, by, means }\``,
          context.stakeholderLocation(s, ["notice"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
