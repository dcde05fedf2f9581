/**
 * signoff-stale: the last sign-off no longer matches what was signed. Judged
 * by the sign-off module (digests need the trusted keys' context), which runs
 * this check through lint's extra rules.
 */
import type { Evaluation } from "../evaluate/evaluate.js";
import type { Finding } from "./findings.js";
import { signoffLocation, signoffWho, whereOf } from "./context.js";
import type { JudgedSignoffs, RuleContext, RuleMeta } from "./rule.js";
import { ruleMeta } from "./rule.js";

export const signoffStale = {
  meta: ruleMeta(
    "signoff-stale",
    "error",
    "A sign-off no longer matches what was signed",
    "The draft text, the checklist or the stakeholder's record in the review changed after the sign-off, so its digest no longer matches. Have the stakeholder review the change and sign off again with `preclear signoff`.",
  ) as RuleMeta,
  checkJudged(
    evaluation: Evaluation,
    judged: readonly JudgedSignoffs[],
    context: RuleContext,
  ): Finding[] {
    const findings: Finding[] = [];
    for (const { stakeholder: s, signoffs } of judged) {
      const last = signoffs.at(-1);
      if (!last || last.current) continue;
      findings.push(
        context.finding(
          "signoff-stale",
          signoffStale.meta.defaultLevel,
          `${signoffWho(s, last.signoff)} is stale: ${last.staleReason}; review it and sign off again`,
          signoffLocation(evaluation, context, s, last.index),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
