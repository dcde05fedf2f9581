/**
 * signature-invalid: a sign-off's signature does not verify or its key is not
 * trusted for the stakeholder. Judged by the sign-off module, which runs this
 * check through lint's extra rules.
 */
import type { Evaluation } from "../evaluate/evaluate.js";
import type { Finding } from "./findings.js";
import { signoffLocation, signoffWho, whereOf } from "./context.js";
import type { JudgedSignoffs, RuleContext, RuleMeta } from "./rule.js";
import { ruleMeta } from "./rule.js";

export const signatureInvalid = {
  meta: ruleMeta(
    "signature-invalid",
    "error",
    "A sign-off signature does not verify",
    "The Ed25519 signature on a sign-off does not verify, or its key is not trusted for that stakeholder. Check the trusted keys and re-sign with the stakeholder's key.",
  ) as RuleMeta,
  checkJudged(
    evaluation: Evaluation,
    judged: readonly JudgedSignoffs[],
    context: RuleContext,
  ): Finding[] {
    const findings: Finding[] = [];
    for (const { stakeholder: s, signoffs } of judged) {
      for (const j of signoffs) {
        if (!j.signature || j.signature.ok) continue;
        findings.push(
          context.finding(
            "signature-invalid",
            signatureInvalid.meta.defaultLevel,
            `${signoffWho(s, j.signoff)} cannot be trusted: ${j.signature.problem}`,
            signoffLocation(evaluation, context, s, j.index, j.signature.field),
            whereOf(s),
          ),
        );
      }
    }
    return findings;
  },
};
