import type { Location } from "../diagnostics.js";

/** Stable rule ids of SPEC sections 7 and 15. */
export const RULE_IDS = [
  "invalid-file",
  "fact-missing",
  "item-open",
  "evidence-missing",
  "justification-missing",
  "capacity-shortfall",
  "overdue",
  "decision-missing",
  "non-concurrence",
  "signoff-missing",
  "signoff-stale",
  "signature-invalid",
  "signature-required",
  "checklist-override",
  "dependency-order",
  "orphan-response",
  // SPEC part two, section 15
  "notice-missing",
  "level-insufficient",
  "condition-open",
  "escalation-invalid",
  "scope-out-unconfirmed",
  "tasking-missing",
  "deemed-concurrence",
  "input-missing",
  "comment-unresolved",
  "decision-inconsistent",
  // SPEC section 13
  "snapshot-missing",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Level = "error" | "warning" | "note";

export const LEVEL_RANK: Record<Level, number> = { error: 3, warning: 2, note: 1 };

/** One problem with a draft's coordination, located where a user should edit. */
export interface Finding {
  ruleId: RuleId;
  level: Level;
  message: string;
  /** The draft this finding belongs to (its file path). */
  draft: string;
  /** Draft id when it could be read. */
  draftId?: string;
  stakeholder?: string;
  item?: string;
  location: Location;
}

/** The evaluated result of one draft, as formatters see it. */
export interface DraftResult {
  /** Path of the draft file. */
  file: string;
  draftId?: string;
  title?: string;
  findings: Finding[];
}

/** Everything a `check` run produced, as formatters see it. */
export interface CheckResult {
  drafts: DraftResult[];
  /** The date deadlines were judged against (YYYY-MM-DD). */
  asOf: string;
}

export function countByLevel(findings: readonly Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.level]++;
  return counts;
}

/** Worst first, then by file, line, column, rule: deterministic output. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
    cmp(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

/** Position order within a file: what a reader of a file expects. */
export function compareByPosition(a: Finding, b: Finding): number {
  return (
    cmp(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
