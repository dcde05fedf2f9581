/**
 * The finding rules over an evaluated draft: every rule in the registry
 * (index.ts), each one module with its metadata and its check; grep a rule
 * id to find its module. Findings come back in position order.
 */
import type { Evaluation } from "../evaluate/evaluate.js";
import { ruleContext } from "./context.js";
import type { Finding } from "./findings.js";
import { compareByPosition } from "./findings.js";
import { LINT_RULES } from "./index.js";
import type { LintOptions, RuleContext } from "./rule.js";

export type { LintOptions, RuleContext } from "./rule.js";

/** A rule supplied from outside the registry's plain checks (signoff-stale, signature-invalid). */
export type ExtraRule = (evaluation: Evaluation, context: RuleContext) => Finding[];

export function lint(
  evaluation: Evaluation,
  options: LintOptions,
  extraRules: ExtraRule[] = [],
): Finding[] {
  const context = ruleContext(evaluation, options);
  const findings = [
    ...LINT_RULES.flatMap((rule) => rule.check(evaluation, context)),
    ...extraRules.flatMap((rule) => rule(evaluation, context)),
  ];
  return findings.sort(compareByPosition);
}
