/**
 * Metadata for every finding rule of SPEC section 7: what formatters need to
 * describe a rule (SARIF `tool.driver.rules`, Markdown links). Pure data.
 */
import type { Level, RuleId } from "./findings.js";

export interface RuleMeta {
  id: RuleId;
  /**
   * The level a finding of this rule has unless something says otherwise.
   * `item-open` is the exception: its level follows the item's severity, and
   * `error` (a blocker) is recorded here as the worst case.
   */
  defaultLevel: Level;
  /** One sentence, no trailing period: what is wrong. */
  shortDescription: string;
  /** What triggers the rule and how to resolve it. */
  fullDescription: string;
  helpUri: string;
}

const DOCS = "https://github.com/preclear/preclear/blob/main/docs/rules.md";

function rule(
  id: RuleId,
  defaultLevel: Level,
  shortDescription: string,
  fullDescription: string,
): RuleMeta {
  return { id, defaultLevel, shortDescription, fullDescription, helpUri: `${DOCS}#${id}` };
}

export const RULES: Record<RuleId, RuleMeta> = {
  "invalid-file": rule(
    "invalid-file",
    "error",
    "A checklist, draft or review fails validation",
    "The file does not parse, does not match its JSON Schema, or breaks a semantic rule (duplicate ids, unresolved references, cycles, CEL expressions that do not type-check). The draft it belongs to cannot be fully evaluated until the file is fixed; other drafts are still checked.",
  ),
  "fact-missing": rule(
    "fact-missing",
    "error",
    "A fact needed to decide applicability has no value",
    "An appliesWhen condition or capacity demand refers to a scoping fact that neither the draft nor the review answers, so preclear cannot tell which stakeholders and items apply. Give the fact a value in the draft's `facts` or the review's `facts` (or run `preclear review`).",
  ),
  "item-open": rule(
    "item-open",
    "error",
    "An applicable item is not resolved",
    "An applicable checklist item is not `satisfied`, `not-applicable` or `risk-accepted`. The level follows the item's severity: blocker is an error, major a warning, minor a note (the default level recorded here is the blocker's). Record the stakeholder's answer in the review.",
  ),
  "evidence-missing": rule(
    "evidence-missing",
    "error",
    "A satisfied item lacks required evidence",
    "The item is `satisfied` but its response lacks a field listed in the item's `evidence` (for example `contact`, `date` or `document`). Add the missing evidence to the review.",
  ),
  "justification-missing": rule(
    "justification-missing",
    "error",
    "A not-applicable or risk-accepted item is not justified",
    "A `not-applicable` response needs a `justification`; a `risk-accepted` response needs both `acceptedBy` and `rationale`. Add them to the review.",
  ),
  "capacity-shortfall": rule(
    "capacity-shortfall",
    "error",
    "Confirmed capacity is below the evaluated demand",
    "The item has a quantitative check: its `capacity.demand` expression, evaluated over the facts, exceeds the `capacity` the stakeholder confirmed in the review (or no capacity was recorded). Obtain a confirmed capacity that meets the demand, or revisit the facts.",
  ),
  overdue: rule(
    "overdue",
    "warning",
    "An item is past its due date",
    "The item is not done and its due date (the draft's issuance date minus the item's `due` duration) is before the as-of date (`--as-of`, default today). Resolve the item or move the issuance date.",
  ),
  "decision-missing": rule(
    "decision-missing",
    "error",
    "An applicable stakeholder has no decision",
    "Every applicable stakeholder must record a decision (`concur`, `concur-with-comments` or `non-concur`) in the review before the policy is issued.",
  ),
  "non-concurrence": rule(
    "non-concurrence",
    "error",
    "A stakeholder non-concurs",
    "A stakeholder recorded `non-concur`. Resolve the stakeholder's comments and obtain a new decision before issuance.",
  ),
  "signoff-missing": rule(
    "signoff-missing",
    "error",
    "A required sign-off is missing",
    "The stakeholder has `signoff: required` but the review holds no sign-off for it. Record one with `preclear signoff`.",
  ),
  "signoff-stale": rule(
    "signoff-stale",
    "error",
    "A sign-off no longer matches what was signed",
    "The draft text, the checklist or the stakeholder's record in the review changed after the sign-off, so its digest no longer matches. Have the stakeholder review the change and sign off again with `preclear signoff`.",
  ),
  "signature-invalid": rule(
    "signature-invalid",
    "error",
    "A sign-off signature does not verify",
    "The Ed25519 signature on a sign-off does not verify, or its key is not trusted for that stakeholder. Check the trusted keys and re-sign with the stakeholder's key.",
  ),
  "signature-required": rule(
    "signature-required",
    "error",
    "A sign-off is not signed, and signatures are required",
    "With `trustedKeys` set (or `requireSignatures: true`), the sign-off that counts for each stakeholder must carry an Ed25519 signature by a key trusted for that stakeholder; otherwise anyone who can edit the review could record one. Sign off again with `preclear signoff --key`, or set `requireSignatures: false` in preclear.config.yaml.",
  ),
  "checklist-override": rule(
    "checklist-override",
    "warning",
    "A checklist weakens what another checklist defines",
    "A checklist listed after another (or extending it) changes a stakeholder's or item's applicability, sign-off, role, severity or evidence to something weaker, and says why with `overrides: {reason}`. Each run names the override so a local relaxation of a built-in checklist is never silent; without `overrides:` it is a validation error.",
  ),
  "dependency-order": rule(
    "dependency-order",
    "warning",
    "A stakeholder decided before one it depends on",
    "The stakeholder's decision is dated before the decision of a stakeholder listed in its `dependsOn`, so it was made without the input it was meant to wait for. Confirm the decision still stands once its dependencies have decided.",
  ),
  "orphan-response": rule(
    "orphan-response",
    "warning",
    "The review answers something that does not apply or does not exist",
    "The review records a response for a stakeholder or item that is not in the resolved checklist, or whose appliesWhen condition is false for this draft. Remove it, or check the stakeholder and item ids and the facts.",
  ),
};
