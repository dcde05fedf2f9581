/** fact-missing: a fact that decides applicability or a demand has no value. */
import type { Finding } from "./findings.js";
import { hasPath } from "./context.js";
import { locate } from "../load/yaml.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";

export const factMissing: Rule = {
  meta: ruleMeta(
    "fact-missing",
    "error",
    "A fact needed to decide applicability has no value",
    "An appliesWhen condition or capacity demand refers to a scoping fact that neither the draft nor the review answers, so preclear cannot tell which stakeholders and items apply. Give the fact a value in the draft's `facts` or the review's `facts` (or run `preclear review`).",
  ),
  check(evaluation, context): Finding[] {
    const needers = new Map<string, string[]>();
    const note = (names: string[], who: string) => {
      for (const name of names) needers.set(name, [...(needers.get(name) ?? []), who]);
    };
    for (const s of evaluation.stakeholders) {
      note(s.condition.missing, `${s.stakeholder.id} (appliesWhen)`);
      for (const i of s.items) {
        note(i.condition.missing, `${s.stakeholder.id}/${i.item.id} (appliesWhen)`);
        if (i.demand) note(i.demand.missing, `${s.stakeholder.id}/${i.item.id} (capacity demand)`);
      }
    }
    const { draft } = evaluation;
    // The draft's `facts:` key, or its `preclear:` block when it has none yet.
    const factsPath = [...draft.base, "facts"];
    const at = hasPath(draft.loaded, factsPath)
      ? locate(draft.loaded, factsPath, { key: true })
      : locate(draft.loaded, draft.base, { key: draft.base.length > 0 });
    return [...needers].map(([name, who]) => {
      const fact = evaluation.checklist.facts.get(name)?.fact;
      const shown =
        who.length > 3
          ? `${who.slice(0, 3).join(", ")} and ${who.length - 3} more`
          : who.join(", ");
      return context.finding(
        "fact-missing",
        this.meta.defaultLevel,
        `fact \`${name}\` has no value but decides ${shown}; answer it in the draft's or the review's facts${fact ? ` ("${fact.question}")` : ""}`,
        at,
      );
    });
  },
};
