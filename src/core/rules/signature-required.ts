/**
 * signature-required (SPEC section 15): with signatures required (config
 * `requireSignatures`; on by default once `trustedKeys` is set), the sign-off
 * that counts — each stakeholder's last — must carry a signature. Without
 * this rule anyone who can edit the review could change the policy text and
 * record a fresh unsigned sign-off for every office, and `check` would pass.
 * (A signature that is present but cannot be trusted is signature-invalid.)
 * Judged by the sign-off module, which runs this check through lint's extra rules.
 */
import type { Evaluation } from "../evaluate/evaluate.js";
import type { Finding } from "./findings.js";
import { signoffLocation, signoffWho, whereOf } from "./context.js";
import type { JudgedSignoffs, RuleContext, RuleMeta } from "./rule.js";
import { ruleMeta } from "./rule.js";

export const signatureRequired = {
  meta: ruleMeta(
    "signature-required",
    "error",
    "A sign-off is not signed, and signatures are required",
    "With `trustedKeys` set (or `requireSignatures: true`), the sign-off that counts for each stakeholder must carry an Ed25519 signature by a key trusted for that stakeholder; otherwise anyone who can edit the review could record one. Sign off again with `preclear signoff --key`, or set `requireSignatures: false` in preclear.config.yaml.",
  ) as RuleMeta,
  checkJudged(
    evaluation: Evaluation,
    judged: readonly JudgedSignoffs[],
    context: RuleContext,
  ): Finding[] {
    const findings: Finding[] = [];
    for (const { stakeholder: s, signoffs } of judged) {
      const last = signoffs.at(-1);
      if (!last || last.signature !== undefined) continue;
      findings.push(
        context.finding(
          "signature-required",
          signatureRequired.meta.defaultLevel,
          `${signoffWho(s, last.signoff)} is not signed, and this project requires signatures (requireSignatures); sign off again with --key`,
          signoffLocation(evaluation, context, s, last.index),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
