/**
 * `signature-required` (SPEC section 15): with signatures required (config
 * `requireSignatures`; on by default once `trustedKeys` is set), the sign-off
 * that counts — each stakeholder's last — must carry a signature. Without
 * this rule anyone who can edit the review could change the policy text and
 * record a fresh unsigned sign-off for every office, and `check` would pass.
 * (A signature that is present but cannot be trusted is `signature-invalid`.)
 */
import type { Location } from "../diagnostics.js";
import type { StakeholderEvaluation } from "../evaluate/evaluate.js";
import type { StakeholderSignoffs } from "../signing/signoff.js";
import type { Finding } from "./findings.js";
import type { RuleContext } from "./lint.js";

export function signatureRequired(
  judged: readonly StakeholderSignoffs[],
  context: RuleContext,
  locate: (s: StakeholderEvaluation, index: number) => Location,
): Finding[] {
  const findings: Finding[] = [];
  for (const { stakeholder: s, signoffs } of judged) {
    const last = signoffs.at(-1);
    if (!last || last.signoff.signature !== undefined || last.signoff.keyId !== undefined) continue;
    findings.push(
      context.finding(
        "signature-required",
        "error",
        `the sign-off by ${last.signoff.name} on ${last.signoff.date} for ${s.stakeholder.name} (${s.stakeholder.id}) is not signed, and this project requires signatures (requireSignatures); sign off again with --key`,
        locate(s, last.index),
        { stakeholder: s.stakeholder.id },
      ),
    );
  }
  return findings;
}
