/**
 * invalid-file: a file fails validation. Load errors become findings in
 * core/check.ts; this module's check reports conditions and demands that fail
 * at run time (division by zero…), which decide nothing: without a finding
 * the stakeholder or item would silently drop out of the gate.
 */
import type { Origin } from "../load/checklist.js";
import { formatFactValue } from "../evaluate/facts.js";
import type { FactValue } from "../types/draft.js";
import { locate } from "../load/yaml.js";
import type { Finding } from "./findings.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";

export const invalidFile: Rule = {
  meta: ruleMeta(
    "invalid-file",
    "error",
    "A checklist, draft or review fails validation",
    "The file does not parse, does not match its JSON Schema, or breaks a semantic rule (duplicate ids, unresolved references, cycles, CEL expressions that do not type-check). The draft it belongs to cannot be fully evaluated until the file is fixed; other drafts are still checked.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    const level = this.meta.defaultLevel;
    const report = (
      what: string,
      outcome: { error?: string; reads: Array<{ name: string; value: unknown }> },
      origin: Origin | undefined,
      fallback: Origin,
      where: { stakeholder?: string; item?: string },
    ) => {
      if (!outcome.error) return;
      const reads = outcome.reads
        .map((r) => `${r.name} = ${formatFactValue(r.value as FactValue | undefined)}`)
        .join(", ");
      const at = origin ?? fallback;
      findings.push(
        context.finding(
          "invalid-file",
          level,
          `${what} cannot be evaluated${reads ? ` with ${reads}` : ""}: ${outcome.error}; fix the expression or the facts`,
          locate(at.loaded, at.path),
          where,
        ),
      );
    };
    for (const s of evaluation.stakeholders) {
      const stakeholder = s.stakeholder.id;
      report(
        `appliesWhen of ${stakeholder}`,
        s.condition,
        s.stakeholder.fieldOrigins.appliesWhen,
        s.stakeholder.origin,
        { stakeholder },
      );
      for (const i of s.items) {
        const where = { stakeholder, item: i.item.id };
        const label = `${stakeholder}/${i.item.id}`;
        report(
          `appliesWhen of ${label}`,
          i.condition,
          i.item.fieldOrigins.appliesWhen,
          i.item.origin,
          where,
        );
        if (i.demand) {
          const capacity = i.item.fieldOrigins.capacity;
          report(
            `capacity demand of ${label}`,
            i.demand,
            capacity && { loaded: capacity.loaded, path: [...capacity.path, "demand"] },
            i.item.origin,
            where,
          );
        }
      }
    }
    return findings;
  },
};
