/**
 * `checklist-override` (warning): a checklist weakens what another checklist
 * defines for a stakeholder or item — its applicability, sign-off, role,
 * severity or evidence — and says so with `overrides: {reason}`. Undeclared,
 * that is a validation error (src/core/load/checklist.ts); declared, every
 * run names it, so a local relaxation of a built-in is never silent.
 */
import type { Evaluation } from "../evaluate/evaluate.js";
import { locate } from "../load/yaml.js";
import type { Finding } from "./findings.js";
import type { RuleContext } from "./lint.js";

export function checklistOverride(evaluation: Evaluation, context: RuleContext): Finding[] {
  return evaluation.checklist.overrides.map((o) => {
    const what = o.item
      ? `item \`${o.stakeholder}/${o.item}\``
      : `stakeholder \`${o.stakeholder}\``;
    return context.finding(
      "checklist-override",
      "warning",
      `checklist ${o.by} weakens ${o.fields.map((f) => `\`${f}\``).join(", ")} of ${what} as ${o.of} defines it: ${o.reason}`,
      locate(o.origin.loaded, [...o.origin.path, "overrides"], { key: true }),
      o.item ? { stakeholder: o.stakeholder, item: o.item } : { stakeholder: o.stakeholder },
    );
  });
}
