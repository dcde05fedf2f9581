/** orphan-response: the review answers a stakeholder or item that does not apply or exist. */
import { didYouMean } from "../load/schemas.js";
import { locate } from "../load/yaml.js";
import type { PathSegment } from "../load/yaml.js";
import type { Finding } from "./findings.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";

/** "Did you mean" hints per stakeholder, at most. */
const MAX_HINTS = 100;

export const orphanResponse: Rule = {
  meta: ruleMeta(
    "orphan-response",
    "warning",
    "The review answers something that does not apply or does not exist",
    "The review records a response for a stakeholder or item that is not in the resolved checklist, or whose appliesWhen condition is false for this draft. Remove it, or check the stakeholder and item ids and the facts.",
  ),
  check(evaluation, context): Finding[] {
    const level = this.meta.defaultLevel;
    const findings: Finding[] = [];
    const byId = new Map(evaluation.stakeholders.map((s) => [s.stakeholder.id, s]));
    for (const [id, { record, fragment }] of evaluation.review.stakeholders) {
      const s = byId.get(id);
      const at = (rest: PathSegment[]) =>
        locate(fragment.loaded, ["stakeholders", id, ...rest], { key: true });
      if (!s) {
        findings.push(
          context.finding(
            "orphan-response",
            level,
            `the review answers stakeholder \`${id}\`, which no checklist of this draft names${didYouMean(id, [...byId.keys()])}`,
            at([]),
            { stakeholder: id },
          ),
        );
        continue;
      }
      // A ruled-out office's scope-out confirmation is what it should have.
      const onlyScopeOut =
        record.scopeOut !== undefined &&
        Object.keys(record).every((key) => key === "scopeOut" || key === "notice");
      if (s.applies === false && !onlyScopeOut) {
        findings.push(
          context.finding(
            "orphan-response",
            level,
            `the review answers stakeholder \`${id}\`, which does not apply to this draft (${s.condition.expression} is false)`,
            at([]),
            { stakeholder: id },
          ),
        );
        continue;
      }
      // Indexed once per stakeholder: 20,000 unknown items must cost 20,000 lookups.
      const items = new Map(s.items.map((x) => [x.item.id, x]));
      const itemIds = [...items.keys()];
      let hinted = 0;
      for (const itemId of Object.keys(record.items ?? {})) {
        const i = items.get(itemId);
        if (!i) {
          findings.push(
            context.finding(
              "orphan-response",
              level,
              // A spelling hint for the first MAX_HINTS only: past that it is no typo.
              `the review answers item \`${id}/${itemId}\`, which the checklist does not have${
                hinted++ < MAX_HINTS ? didYouMean(itemId, itemIds) : ""
              }`,
              at(["items", itemId]),
              { stakeholder: id, item: itemId },
            ),
          );
        } else if (i.applies === false) {
          findings.push(
            context.finding(
              "orphan-response",
              level,
              `the review answers item \`${id}/${itemId}\`, which does not apply to this draft (${i.condition.expression} is false)`,
              at(["items", itemId]),
              { stakeholder: id, item: itemId },
            ),
          );
        }
      }
    }
    return findings;
  },
};
