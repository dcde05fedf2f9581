/**
 * checklist-override (warning): a checklist weakens what another checklist
 * defines for a stakeholder or item — its applicability, sign-off, role,
 * severity or evidence — and says so with `overrides: {reason}`. Undeclared,
 * that is a validation error (src/core/load/checklist.ts); declared, every
 * run names it, so a local relaxation of a built-in is never silent.
 */
import type { Evaluation } from "../evaluate/evaluate.js";
import { locate } from "../load/yaml.js";
import type { Finding } from "./findings.js";
import type { Rule, RuleContext, RuleMeta } from "./rule.js";
import { ruleMeta } from "./rule.js";

export const checklistOverride: Rule = {
  meta: ruleMeta(
    "checklist-override",
    "warning",
    "A checklist weakens what another checklist defines",
    "A checklist listed after another (or extending it) changes a stakeholder's or item's applicability, sign-off, role, severity or evidence to something weaker, and says why with `overrides: {reason}`. Each run names the override so a local relaxation of a built-in checklist is never silent; without `overrides:` it is a validation error.",
  ) as RuleMeta,
  check(evaluation: Evaluation, context: RuleContext): Finding[] {
    return evaluation.checklist.overrides.map((o) => {
      const what = o.item
        ? `item \`${o.stakeholder}/${o.item}\``
        : `stakeholder \`${o.stakeholder}\``;
      return context.finding(
        "checklist-override",
        checklistOverride.meta.defaultLevel,
        `checklist ${o.by} weakens ${o.fields.map((f) => `\`${f}\``).join(", ")} of ${what} as ${o.of} defines it: ${o.reason}`,
        locate(o.origin.loaded, [...o.origin.path, "overrides"], { key: true }),
        o.item ? { stakeholder: o.stakeholder, item: o.item } : { stakeholder: o.stakeholder },
      );
    });
  },
};
