/**
 * `check --quiet`, `--stakeholder ID` and `--rule ID`: which findings a run
 * reports. Applied before every format and before the gate, so that what
 * fails the run is what is shown.
 */
import type { CheckResult, Finding } from "../core/rules/findings.js";

export interface Selection {
  /** Errors only. */
  quiet?: boolean;
  /** Only findings about these stakeholders (by id); empty or absent: all. */
  stakeholders?: readonly string[];
  /** Only findings of these rules; empty or absent: all. */
  rules?: readonly string[];
}

export function selectFindings(result: CheckResult, selection: Selection): CheckResult {
  const stakeholders = new Set(selection.stakeholders ?? []);
  const rules = new Set(selection.rules ?? []);
  const keep = (f: Finding) =>
    (!selection.quiet || f.level === "error") &&
    (stakeholders.size === 0 || (f.stakeholder !== undefined && stakeholders.has(f.stakeholder))) &&
    (rules.size === 0 || rules.has(f.ruleId));
  if (!selection.quiet && stakeholders.size === 0 && rules.size === 0) return result;
  return {
    ...result,
    drafts: result.drafts.map((draft) => ({ ...draft, findings: draft.findings.filter(keep) })),
  };
}
