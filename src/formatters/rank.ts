/**
 * What blocks most, first: the one severity ranking every format shares
 * (stylish groups, GitHub annotations, SARIF result order, JUnit failures and
 * Markdown tables). Level decides first (a rule's level can be changed in the
 * configuration); within a level, the rule's weight: a non-concurrence or an
 * escalation stops issuance outright, a capacity shortfall means the policy
 * cannot be carried out, a stale or invalid signature means a sign-off no
 * longer counts; open items and missing records come after.
 */
import type { Finding, Level } from "../core/rules/findings.js";
import { LEVEL_RANK } from "../core/rules/findings.js";

/**
 * Weight of each rule within a level, highest first, for the rules of SPEC
 * sections 7 and 15. Rule ids not listed weigh {@link DEFAULT_WEIGHT}: after
 * what is named here as worst, before the housekeeping rules.
 */
const WEIGHT: Readonly<Record<string, number>> = {
  "non-concurrence": 100,
  // SPEC part two (section 15): a decision over objection by the wrong
  // person, or a concurrence that contradicts an unresolved critical comment.
  "escalation-invalid": 95,
  "decision-inconsistent": 94,
  "capacity-shortfall": 90,
  "signature-invalid": 85,
  "signature-required": 84,
  "signoff-stale": 80,
  "level-insufficient": 78,
  "invalid-file": 75,
  "fact-missing": 70,
  "scope-out-unconfirmed": 65,
  "condition-open": 62,
  "decision-missing": 60,
  "comment-unresolved": 58,
  "item-open": 55,
  "notice-missing": 52,
  "signoff-missing": 50,
  "evidence-missing": 45,
  "justification-missing": 45,
  "input-missing": 35,
  overdue: 30,
  "tasking-missing": 25,
  "dependency-order": 20,
  "deemed-concurrence": 15,
  "orphan-response": 10,
};

export const DEFAULT_WEIGHT = 40;

/** How much a rule blocks, within its level. */
export function ruleWeight(ruleId: string): number {
  return WEIGHT[ruleId] ?? DEFAULT_WEIGHT;
}

/** One number per finding, larger is worse: level first, then the rule's weight. */
export function severity(finding: Pick<Finding, "level" | "ruleId">): number {
  return LEVEL_RANK[finding.level] * 1000 + ruleWeight(finding.ruleId);
}

/** Worse first; 0 when the two weigh the same (callers add their own tie-breaks). */
export function bySeverity(a: Finding, b: Finding): number {
  return severity(b) - severity(a);
}

/** A group of findings (an office, a draft), ranked by its worst finding, then by how many. */
export interface Ranked<T> {
  key: T;
  findings: Finding[];
  worst: number;
}

/**
 * Groups findings by `keyOf` and orders the groups worst first: the group's
 * worst finding, then its number of errors, then of all findings; ties keep
 * `compareKeys` order. Findings inside a group keep their given order.
 */
export function rankGroups<T>(
  findings: readonly Finding[],
  keyOf: (finding: Finding) => T,
  compareKeys: (a: T, b: T) => number,
): Ranked<T>[] {
  const groups = new Map<T, Finding[]>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  // Counted once per group, not once per comparison of the sort.
  const ranked = [...groups].map(([key, list]) => {
    let worst = -Infinity;
    let errors = 0;
    for (const f of list) {
      worst = Math.max(worst, severity(f));
      if (f.level === "error") errors++;
    }
    return { key, findings: list, worst, errors };
  });
  return ranked.sort(
    (a, b) =>
      b.worst - a.worst ||
      b.errors - a.errors ||
      b.findings.length - a.findings.length ||
      compareKeys(a.key, b.key),
  );
}

/** Findings at `error` level block issuance (the gate fails on them by default). */
export function blocks(finding: { level: Level }): boolean {
  return finding.level === "error";
}

/** The rule's name in a sentence about how many there are ("2 capacity shortfalls"). */
const NOUN: Readonly<Record<string, [string, string]>> = {
  "non-concurrence": ["non-concurrence", "non-concurrences"],
  "escalation-invalid": ["invalid escalation", "invalid escalations"],
  "decision-inconsistent": ["inconsistent decision", "inconsistent decisions"],
  "signature-required": ["unsigned sign-off", "unsigned sign-offs"],
  "level-insufficient": ["decision below its level", "decisions below their level"],
  "scope-out-unconfirmed": ["unconfirmed scope-out", "unconfirmed scope-outs"],
  "condition-open": ["open condition", "open conditions"],
  "comment-unresolved": ["unresolved comment", "unresolved comments"],
  "notice-missing": ["missing notice", "missing notices"],
  "input-missing": ["item answered before its inputs", "items answered before their inputs"],
  "tasking-missing": ["office never tasked", "offices never tasked"],
  "deemed-concurrence": ["concurrence by silence", "concurrences by silence"],
  "capacity-shortfall": ["capacity shortfall", "capacity shortfalls"],
  "signature-invalid": ["invalid signature", "invalid signatures"],
  "signoff-stale": ["stale sign-off", "stale sign-offs"],
  "invalid-file": ["invalid file", "invalid files"],
  "fact-missing": ["missing fact", "missing facts"],
  "decision-missing": ["decision missing", "decisions missing"],
  "item-open": ["open item", "open items"],
  "signoff-missing": ["missing sign-off", "missing sign-offs"],
  "evidence-missing": ["item without its evidence", "items without their evidence"],
  "justification-missing": ["unjustified item", "unjustified items"],
  overdue: ["overdue item", "overdue items"],
  "dependency-order": ["decision out of order", "decisions out of order"],
  "orphan-response": ["stray response", "stray responses"],
};

export function ruleCount(ruleId: string, count: number): string {
  const [one, many] = NOUN[ruleId] ?? [`${ruleId} finding`, `${ruleId} findings`];
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * "1 non-concurrence, 1 capacity shortfall, 21 offices without a decision":
 * counts per rule, worst rule first.
 */
export function ruleCounts(findings: readonly Finding[]): string {
  const counts = new Map<string, { count: number; weight: number }>();
  for (const f of findings) {
    const entry = counts.get(f.ruleId) ?? { count: 0, weight: 0 };
    entry.count++;
    entry.weight = Math.max(entry.weight, severity(f));
    counts.set(f.ruleId, entry);
  }
  return [...counts]
    .sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([ruleId, { count }]) => ruleCount(ruleId, count))
    .join(", ");
}
