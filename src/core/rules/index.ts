/**
 * The registry of finding rules: one module per rule id (metadata and check),
 * in the order of SPEC sections 7 and 15. Lint runs every rule with a `check`; the
 * sign-off rules are judged with the trusted keys and run through the
 * sign-off module's extra rules. A new rule is a new module and one line here
 * (and its id in RULE_IDS).
 */
import type { RuleId } from "./findings.js";
import type { Rule, RuleMeta } from "./rule.js";
import { capacityShortfall } from "./capacity-shortfall.js";
import { decisionMissing } from "./decision-missing.js";
import { dependencyOrder } from "./dependency-order.js";
import { evidenceMissing } from "./evidence-missing.js";
import { factMissing } from "./fact-missing.js";
import { invalidFile } from "./invalid-file.js";
import { itemOpen } from "./item-open.js";
import { justificationMissing } from "./justification-missing.js";
import { nonConcurrence } from "./non-concurrence.js";
import { orphanResponse } from "./orphan-response.js";
import { overdue } from "./overdue.js";
import { signatureInvalid } from "./signature-invalid.js";
import { signoffMissing } from "./signoff-missing.js";
import { signoffStale } from "./signoff-stale.js";
import { noticeMissing } from "./notice-missing.js";
import { levelInsufficient } from "./level-insufficient.js";
import { conditionOpen } from "./condition-open.js";
import { escalationInvalid } from "./escalation-invalid.js";
import { scopeOutUnconfirmed } from "./scope-out-unconfirmed.js";
import { taskingMissing } from "./tasking-missing.js";
import { deemedConcurrence } from "./deemed-concurrence.js";
import { inputMissing } from "./input-missing.js";
import { commentUnresolved } from "./comment-unresolved.js";
import { decisionInconsistent } from "./decision-inconsistent.js";
import { snapshotMissing } from "./snapshot-missing.js";
import { checklistOverride } from "./checklist-override.js";
import { signatureRequired } from "./signature-required.js";

/** Rules lint runs over every evaluated draft. */
export const LINT_RULES: readonly Rule[] = [
  invalidFile,
  factMissing,
  itemOpen,
  evidenceMissing,
  justificationMissing,
  capacityShortfall,
  overdue,
  decisionMissing,
  nonConcurrence,
  signoffMissing,
  dependencyOrder,
  orphanResponse,
  // SPEC part two, section 15
  noticeMissing,
  levelInsufficient,
  conditionOpen,
  escalationInvalid,
  scopeOutUnconfirmed,
  taskingMissing,
  deemedConcurrence,
  inputMissing,
  commentUnresolved,
  decisionInconsistent,
  // SPEC section 13
  snapshotMissing,
  // issue 17: a checklist weakening another says so
  checklistOverride,
];

/** Every rule's metadata, by id. */
export const RULE_METAS: ReadonlyArray<RuleMeta> = [
  ...LINT_RULES.map((rule) => rule.meta),
  signoffStale.meta,
  signatureInvalid.meta,
  signatureRequired.meta,
];

export function metaOf(id: RuleId): RuleMeta | undefined {
  return RULE_METAS.find((m) => m.id === id);
}
