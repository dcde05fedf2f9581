/**
 * Metadata for every finding rule: what formatters need to describe a rule
 * (SARIF `tool.driver.rules`, Markdown links). Each rule's metadata lives in
 * its own module (src/core/rules/<rule-id>.ts); this is the table by id.
 */
import { RULE_IDS } from "./findings.js";
import type { RuleId } from "./findings.js";
import { RULE_METAS } from "./index.js";
import type { RuleMeta } from "./rule.js";

export type { RuleMeta } from "./rule.js";

function table(): Record<RuleId, RuleMeta> {
  const byId = new Map(RULE_METAS.map((m) => [m.id, m]));
  const entries = RULE_IDS.map((id): [RuleId, RuleMeta] => {
    const meta = byId.get(id);
    if (!meta) throw new Error(`rule ${id} has no module in src/core/rules/`);
    return [id, meta];
  });
  return Object.fromEntries(entries) as Record<RuleId, RuleMeta>;
}

export const RULES: Record<RuleId, RuleMeta> = table();
