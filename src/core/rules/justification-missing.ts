/**
 * justification-missing: a not-applicable or risk-accepted item is not
 * justified; a blocker accepted below principal level; a critical comment
 * rejected (or partly accepted) without a response.
 */
import type { Finding } from "./findings.js";
import { applicableItems, whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { commentState, itemState } from "./state.js";

export const justificationMissing: Rule = {
  meta: ruleMeta(
    "justification-missing",
    "error",
    "A not-applicable or risk-accepted item is not justified",
    "A `not-applicable` response needs a `justification`; a `risk-accepted` response needs both `acceptedBy` and `rationale`, and a blocker item accepted at `acceptedByLevel: staff` must be accepted at principal level. A critical comment that is `rejected` or `partially-accepted` needs a `response`. Add them to the review.",
  ),
  check(evaluation, context): Finding[] {
    const level = this.meta.defaultLevel;
    const findings: Finding[] = [];
    for (const { s, i } of applicableItems(evaluation)) {
      const state = itemState(i, context.state, s);
      const label = `${s.stakeholder.id}/${i.item.id}`;
      if (state.missingJustification.length > 0) {
        const message =
          state.status === "not-applicable"
            ? `${label} is marked not-applicable without a \`justification\``
            : `${label} is risk-accepted without ${state.missingJustification.map((f) => `\`${f}\``).join(" and ")}`;
        findings.push(
          context.finding(
            "justification-missing",
            level,
            message,
            context.itemLocation(s, i),
            whereOf(s, i),
          ),
        );
      } else if (
        state.status === "risk-accepted" &&
        i.item.severity === "blocker" &&
        i.response?.acceptedByLevel === "staff"
      ) {
        findings.push(
          context.finding(
            "justification-missing",
            level,
            `blocker item ${label} is risk-accepted at staff level by ${i.response.acceptedBy}; a blocker's risk must be accepted at principal level`,
            context.itemLocation(s, i, "acceptedByLevel"),
            whereOf(s, i),
          ),
        );
      }
    }
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      (s.record?.comments ?? []).forEach((comment, index) => {
        const state = commentState(comment);
        if (comment.type !== "critical" || !state.responseMissing) return;
        findings.push(
          context.finding(
            "justification-missing",
            level,
            `critical comment ${comment.id} of ${s.stakeholder.id} is ${state.disposition} without a \`response\` saying why`,
            context.stakeholderLocation(s, ["comments", index, "disposition"]),
            whereOf(s),
          ),
        );
      });
    }
    return findings;
  },
};
