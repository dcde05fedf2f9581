/** comment-unresolved: a comment not accepted and not agreed by its commenter; level by type. */
import type { Finding, Level } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { commentState } from "./state.js";

const BY_TYPE: Record<"critical" | "substantive" | "administrative", Level> = {
  critical: "error",
  substantive: "warning",
  administrative: "note",
};

export const commentUnresolved: Rule = {
  meta: ruleMeta(
    "comment-unresolved",
    "error",
    "A comment is not resolved",
    "A comment an office sent is neither `accepted` (disposition) nor `agreed` by the commenter (resolution). The level follows the comment's type: critical is an error (a critical comment means non-concurrence until resolved), substantive a warning, administrative a note. Adjudicate it: record the disposition and the response, and whether the commenter agreed.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      (s.record?.comments ?? []).forEach((comment, index) => {
        const state = commentState(comment);
        if (!state.unresolved) return;
        const where = comment.location ? ` on ${comment.location}` : "";
        findings.push(
          context.finding(
            "comment-unresolved",
            BY_TYPE[comment.type],
            `${comment.type} comment ${comment.id} of ${s.stakeholder.id}${where} is ${state.disposition}${state.resolution === "elevated" ? " and elevated" : state.disposition === "pending" ? "" : ", not agreed by the commenter"}: ${comment.text.trim().split(/\r?\n/)[0]}`,
            context.stakeholderLocation(s, [
              "comments",
              index,
              comment.disposition ? "disposition" : "id",
            ]),
            whereOf(s),
          ),
        );
      });
    }
    return findings;
  },
};
