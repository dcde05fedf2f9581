/** deemed-concurrence: an office whose silence is concurrence did not answer by its suspense. */
import type { Finding } from "./findings.js";
import { whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { decisionState } from "./state.js";

export const deemedConcurrence: Rule = {
  meta: ruleMeta(
    "deemed-concurrence",
    "note",
    "A stakeholder is cleared by silence",
    'The stakeholder has `silenceIsConcurrence: true`, was tasked, and recorded no decision by its suspense (or extension), so it is treated as concurring: no decision-missing, and the report says "cleared by silence". A note, so the record shows it.',
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      const state = decisionState(s, context.state);
      if (state.state !== "cleared-by-silence") continue;
      findings.push(
        context.finding(
          "deemed-concurrence",
          this.meta.defaultLevel,
          `${s.stakeholder.name} (${s.stakeholder.id}) did not answer by its suspense ${state.silentSince}: cleared by silence on ${state.silentSince}`,
          context.stakeholderLocation(s, ["tasking"]),
          whereOf(s),
        ),
      );
    }
    return findings;
  },
};
