/**
 * Deterministic ordering: the comparators of core/findings.ts, completed with
 * tie-breakers so that shuffled input always yields the same output.
 */
import type { CheckResult, DraftResult, Finding } from "../core/rules/findings.js";
import { compareByPosition, compareFindings } from "../core/rules/findings.js";
import { shownPath } from "./paths.js";
import { bySeverity } from "./rank.js";

/**
 * Worst first by the shared ranking (level, then what blocks most: see
 * rank.ts), then by position.
 */
export function worstFirst(a: Finding, b: Finding): number {
  return bySeverity(a, b) || compareFindings(a, b) || tieBreak(a, b);
}

/** Reading order within a file. */
export function byPosition(a: Finding, b: Finding): number {
  return compareByPosition(a, b) || tieBreak(a, b);
}

/** Drafts ordered by the path users see, each with its findings sorted. */
export function sortedDrafts(
  result: CheckResult,
  cwd: string,
  compare: (a: Finding, b: Finding) => number = byPosition,
): DraftResult[] {
  return result.drafts
    .map((draft) => ({ draft, shown: shownPath(draft.file, cwd) }))
    .sort(
      (a, b) =>
        cmp(a.shown, b.shown) ||
        cmp(a.draft.file, b.draft.file) ||
        cmp(a.draft.draftId ?? "", b.draft.draftId ?? "") ||
        cmp(a.draft.title ?? "", b.draft.title ?? ""),
    )
    .map(({ draft }) => ({ ...draft, findings: [...draft.findings].sort(compare) }));
}

/** Every finding of every draft, in one deterministic list. */
export function allFindings(
  result: CheckResult,
  compare: (a: Finding, b: Finding) => number = worstFirst,
): Finding[] {
  return result.drafts.flatMap((d) => d.findings).sort(compare);
}

function tieBreak(a: Finding, b: Finding): number {
  return (
    cmp(a.draft, b.draft) ||
    cmp(a.draftId ?? "", b.draftId ?? "") ||
    cmp(a.stakeholder ?? "", b.stakeholder ?? "") ||
    cmp(a.item ?? "", b.item ?? "") ||
    (a.location.endLine ?? 0) - (b.location.endLine ?? 0) ||
    (a.location.endColumn ?? 0) - (b.location.endColumn ?? 0)
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
