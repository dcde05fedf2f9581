/**
 * The clearance report of SPEC section 8 as data: what the Markdown, HTML and
 * JSON renderers show, built from an evaluated draft, its findings and the
 * as-of date. Pure: no clock, no file system, no process; the same input gives
 * the same report. The JSON renderer prints this object, so its shape is the
 * contract of schemas/report.schema.json (checked in a test).
 */
import { createHash } from "node:crypto";
import type {
  ConditionOutcome,
  Evaluation,
  ItemEvaluation,
  StakeholderEvaluation,
} from "../core/evaluate/evaluate.js";
import type { Finding, RuleId } from "../core/rules/findings.js";
import { RULE_IDS } from "../core/rules/findings.js";
import {
  decisionState,
  itemState,
  signoffRequired,
  signoffStateFromFindings,
  stateContext,
} from "../core/rules/state.js";
import type { CapacityState, DecisionState, SignoffState } from "../core/rules/state.js";
import { displayPath } from "../core/load/paths.js";
import type { Report } from "../core/types/report.js";
import { safeHref } from "./escape.js";
import { buildLifecycle } from "./lifecycle.js";

export type {
  CommentRow,
  LifecycleOffice,
  LifecycleReport,
  ScopeOutRow,
  TrackedCondition,
} from "./lifecycle.js";

export const REPORT_SCHEMA_ID = "https://preclear.dev/schemas/v1/report.schema.json";

export interface ReportOptions {
  /** The date deadlines are judged against (YYYY-MM-DD); also the report's date. */
  asOf: string;
  /** File paths are shown relative to this directory (default: as given). */
  cwd?: string;
  /** preclear's version, recorded as the generator. */
  toolVersion?: string;
  /** The policy text, for the report's appendix (null: not available as text). */
  policyText?: string | null;
}

/** The states are decided in core/rules/state.ts; the report shows them. */
export type {
  CapacityState,
  DecisionState,
  ItemPhase,
  ItemStatus,
  SignoffState,
} from "../core/rules/state.js";

// The report's types are generated from schemas/report.schema.json (one
// source of truth: `npm run gen:types`); these are names for its parts.
export type { Report };
export type ReportSummary = Report["summary"];
export type ClearanceRow = Report["clearanceSheet"][number];
export type ReportFinding = Report["blockingGaps"][number];
export type StakeholderDetail = Report["stakeholders"][number];
export type ReportItem = StakeholderDetail["items"][number];
export type ReportCondition = ReportItem["condition"];
export type ReportLink = NonNullable<ReportItem["evidence"]["document"]>;
export type ReportSource = ReportItem["sources"][number];
export type ReportDecision = ClearanceRow["decision"];
export type ReportSignoff = ClearanceRow["signoff"];
export type ReportSignature = ReportSignoff["signatures"][number];
export type CapacityRow = Report["capacity"][number];
export type TimelineEntry = Report["timeline"]["entries"][number];
export type CoordinationGraph = Report["coordinationGraph"];
export type GraphNode = CoordinationGraph["nodes"][number];
export type ScopedOutStakeholder = Report["ruledOut"][number];
export type ScopedOutItem = Report["ruledOutItems"][number];
export type ReportFact = Report["facts"][number];
export type ReportDigests = Report["digests"];

/** Build the report of one evaluated draft. `findings` are that draft's (from `lint`). */
export function buildReport(
  evaluation: Evaluation,
  findings: readonly Finding[],
  options: ReportOptions,
): Report {
  const { draft, checklist, review } = evaluation;
  const { asOf } = options;
  const shown = (file: string) => (options.cwd ? displayPath(file, options.cwd) : file);
  const names = new Map(evaluation.stakeholders.map((s) => [s.stakeholder.id, s.stakeholder.name]));
  const issuanceDate = draft.draft.issuanceDate ?? null;

  const reportFinding = (f: Finding): ReportFinding => ({
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    stakeholder: f.stakeholder ?? null,
    stakeholderName: f.stakeholder ? (names.get(f.stakeholder) ?? null) : null,
    item: f.item ?? null,
    location: { file: shown(f.location.file), line: f.location.line, column: f.location.column },
  });
  const applicable = evaluation.stakeholders.filter((s) => s.applies === true);
  const orderOf = new Map(applicable.map((s, index) => [s.stakeholder.id, index + 1]));
  const sorted = sortForReading(findings, evaluation);

  const details: StakeholderDetail[] = applicable.map((s) => {
    const id = s.stakeholder.id;
    const mine = findings.filter((f) => f.stakeholder === id);
    return {
      order: orderOf.get(id)!,
      stakeholder: id,
      name: s.stakeholder.name,
      agency: s.stakeholder.agency ?? null,
      description: s.stakeholder.description ?? null,
      dependsOn: [...s.stakeholder.dependsOn],
      condition: condition(s.condition),
      decision: decisionOf(s, evaluation, asOf),
      signoff: signoffOf(
        signoffRequired(s, stateContext(evaluation, asOf)),
        s.record?.signoffs ?? [],
        mine.map((f) => f.ruleId),
      ),
      items: s.items.map((i) =>
        itemDetail(
          i,
          evaluation,
          asOf,
          mine.filter((f) => f.item === i.item.id),
        ),
      ),
    };
  });

  const clearanceSheet: ClearanceRow[] = details.map((d) => {
    const items = d.items.filter((i) => i.applies === true);
    return {
      order: d.order,
      stakeholder: d.stakeholder,
      name: d.name,
      agency: d.agency,
      dependsOn: d.dependsOn,
      decision: d.decision,
      signoff: d.signoff,
      items: {
        applicable: items.length,
        done: items.filter((i) => i.done).length,
        open: items.filter((i) => !i.done).length,
        overdue: items.filter((i) => i.overdue).length,
      },
      blockingGaps: findings.filter((f) => f.stakeholder === d.stakeholder && f.level === "error")
        .length,
    };
  });

  const capacity: CapacityRow[] = [];
  const entries: TimelineEntry[] = [];
  for (const d of details) {
    const s = applicable.find((x) => x.stakeholder.id === d.stakeholder)!;
    for (const item of d.items) {
      if (item.applies !== true) continue;
      const evaluated = s.items.find((x) => x.item.id === item.id)!;
      if (evaluated.demand) capacity.push(capacityRow(d, item, evaluated, evaluation, asOf));
      if (item.dueDate && item.due) {
        entries.push({
          stakeholder: d.stakeholder,
          name: d.name,
          item: item.id,
          question: item.question,
          severity: item.severity,
          due: item.due,
          dueDate: item.dueDate,
          daysBeforeIssuance: issuanceDate ? daysBetween(item.dueDate, issuanceDate) : 0,
          status: item.status,
          belowDemand: item.belowDemand,
          done: item.done,
          // The timeline shows due dates: overdue here means past this date
          // (a tasking suspense can make an item overdue earlier).
          overdue: item.overdue && item.dueDate < asOf,
          daysOverdue: item.overdue && item.dueDate < asOf ? daysBetween(item.dueDate, asOf) : null,
        });
      }
    }
  }
  // By due date; coordination order (already the order of `entries`) breaks ties.
  const timeline = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => cmp(a.entry.dueDate, b.entry.dueDate) || a.index - b.index)
    .map(({ entry }) => entry);

  const undecided = evaluation.stakeholders
    .filter((s) => s.applies === undefined)
    .map((s) => scopedOut(s.stakeholder, s.condition));
  const ruledOut = evaluation.stakeholders
    .filter((s) => s.applies === false)
    .map((s) => scopedOut(s.stakeholder, s.condition));
  const ruledOutItems: ScopedOutItem[] = applicable.flatMap((s) =>
    s.items
      .filter((i) => i.applies === false)
      .map((i) => ({
        stakeholder: s.stakeholder.id,
        name: s.stakeholder.name,
        item: i.item.id,
        question: i.item.question,
        condition: condition(i.condition),
      })),
  );

  const applicableItems = details.flatMap((d) => d.items.filter((i) => i.applies === true));
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.level]++;
  const signoffs: Record<SignoffState, number> = {
    "signature-verified": 0,
    valid: 0,
    stale: 0,
    invalid: 0,
    missing: 0,
    "not-required": 0,
  };
  for (const row of clearanceSheet) signoffs[row.signoff.state]++;
  const decisions = (...states: DecisionState[]) =>
    clearanceSheet.filter((r) => states.includes(r.decision.state)).length;

  const lifecycle = buildLifecycle(evaluation, asOf);
  return {
    $schema: REPORT_SCHEMA_ID,
    apiVersion: "preclear/v1",
    kind: "Report",
    generator: { name: "preclear", version: options.toolVersion ?? null },
    asOf,
    draft: {
      id: draft.draft.id,
      title: draft.draft.title,
      issuer: draft.draft.issuer ?? null,
      issuanceDate,
      file: shown(draft.file),
      checklists: [...draft.draft.checklists],
      text: options.policyText ?? null,
    },
    summary: {
      ready: counts.error === 0,
      findings: counts,
      stakeholders: {
        applicable: applicable.length,
        undecided: undecided.length,
        ruledOut: ruledOut.length,
      },
      decisions: {
        // Cleared by silence counts as concurring; decided over objection as the
        // non-concurrence it is (overruled); consult and inform offices in none.
        concur: decisions("concur", "cleared-by-silence"),
        concurWithComments: decisions("concur-with-comments"),
        nonConcur: decisions("non-concur", "decided-over-objection"),
        pending: decisions("pending"),
      },
      signoffs,
      items: {
        applicable: applicableItems.length,
        done: applicableItems.filter((i) => i.done).length,
        open: applicableItems.filter((i) => !i.done).length,
        overdue: applicableItems.filter((i) => i.overdue).length,
      },
      capacityShortfalls: capacity.filter(
        (c) => c.state === "shortfall" || c.state === "unconfirmed",
      ).length,
    },
    clearanceSheet,
    blockingGaps: sorted.filter((f) => f.level === "error").map(reportFinding),
    otherFindings: sorted.filter((f) => f.level !== "error").map(reportFinding),
    stakeholders: details,
    capacity,
    timeline: { issuanceDate, asOf, entries: timeline },
    coordinationGraph: coordinationGraph(details),
    undecided,
    ruledOut,
    ruledOutItems,
    sources: citedSources(details),
    facts: [...checklist.facts.values()].map((f) => ({
      name: f.name,
      question: f.fact.question,
      value: evaluation.facts.get(f.name) ?? null,
      unit: f.fact.unit ?? null,
      from: evaluation.factLocations.has(f.name)
        ? shown(evaluation.factLocations.get(f.name)!.file)
        : null,
    })),
    digests: {
      draft: {
        file: shown(draft.file),
        contentDigest: draft.contentDigest,
        metadataDigest: sha256(draft.loaded.text),
      },
      checklists: checklist.members.map((m) => ({
        id: m.checklist.id,
        version: m.checklist.version,
        builtin: m.builtin,
        // A built-in's path says where preclear is installed, not what it read.
        file: m.builtin ? null : shown(m.file),
        digest: sha256(m.loaded.text),
      })),
      review: {
        path: shown(review.path),
        exists: review.exists,
        files: review.fragments.map((f) => ({
          file: shown(f.file),
          digest: sha256(f.loaded.text),
        })),
      },
    },
    ...(lifecycle ? { lifecycle } : {}),
  };
}

/**
 * Findings in the order a reader walks the document: draft-wide first, then
 * by stakeholder in coordination order and item in checklist order, then by
 * rule in the order of SPEC section 7.
 */
function sortForReading(findings: readonly Finding[], evaluation: Evaluation): Finding[] {
  const stakeholderIndex = new Map(evaluation.stakeholders.map((s, i) => [s.stakeholder.id, i]));
  const itemIndex = new Map(
    evaluation.stakeholders.flatMap((s) =>
      s.items.map((item, i): [string, number] => [`${s.stakeholder.id}/${item.item.id}`, i]),
    ),
  );
  const key = (f: Finding): number[] => [
    f.stakeholder === undefined
      ? -1
      : (stakeholderIndex.get(f.stakeholder) ?? Number.MAX_SAFE_INTEGER),
    f.item === undefined
      ? -1
      : (itemIndex.get(`${f.stakeholder}/${f.item}`) ?? Number.MAX_SAFE_INTEGER),
    RULE_IDS.indexOf(f.ruleId),
  ];
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return (
      cmp(a.stakeholder ?? "", b.stakeholder ?? "") ||
      cmp(a.item ?? "", b.item ?? "") ||
      cmp(a.message, b.message) ||
      cmp(a.location.file, b.location.file) ||
      a.location.line - b.location.line
    );
  });
}

function citedSources(details: readonly StakeholderDetail[]): ReportSource[] {
  const seen = new Map<string, ReportSource>();
  for (const d of details) {
    for (const item of d.items) {
      if (item.applies !== true) continue;
      for (const source of item.sources) if (!seen.has(source.id)) seen.set(source.id, source);
    }
  }
  return [...seen.values()];
}

function condition(c: ConditionOutcome): ReportCondition {
  return {
    expression: c.expression ?? null,
    result: c.result ?? null,
    reads: c.reads.map((r) => ({ fact: r.name, value: r.value ?? null })),
    missing: [...c.missing],
    error: c.error ?? null,
  };
}

function decisionOf(
  s: StakeholderEvaluation,
  evaluation: Evaluation,
  asOf: string,
): ReportDecision {
  const decision = s.record?.decision;
  return {
    state: decisionState(s, stateContext(evaluation, asOf)).state,
    by: decision?.by ?? null,
    date: decision?.date ?? null,
    comments: decision?.comments ?? null,
  };
}

/**
 * The sign-off state from the findings, not from the sign-off module: the
 * sign-off rules (signoff-stale, signature-invalid) already judged digests and
 * keys, and the report shows what they concluded. The worst finding wins.
 */
export function signoffOf(
  required: boolean,
  signatures: ReadonlyArray<{
    name: string;
    title?: string;
    date: string;
    keyId?: string;
  }>,
  ruleIds: readonly RuleId[],
): ReportSignoff {
  const list = signatures.map((s) => ({
    name: s.name,
    title: s.title ?? null,
    date: s.date,
    keyId: s.keyId ?? null,
  }));
  return { required, state: signoffStateFromFindings(required, list, ruleIds), signatures: list };
}

function itemDetail(
  i: ItemEvaluation,
  evaluation: Evaluation,
  asOf: string,
  findings: readonly Finding[],
): ReportItem {
  const r = i.response;
  const state = itemState(i, stateContext(evaluation, asOf), stakeholderOf(evaluation, i));
  const { status, done } = state;
  return {
    id: i.item.id,
    question: i.item.question,
    severity: i.item.severity,
    applies: i.applies ?? null,
    condition: condition(i.condition),
    status,
    belowDemand: state.phase === "below-demand",
    done,
    due: i.item.due ?? null,
    dueDate: i.dueDate ?? null,
    overdue: state.overdue,
    state: state.phase,
    evidence: {
      required: [...i.item.evidence],
      missing: state.missingEvidence,
      contact: r?.contact ?? null,
      date: r?.date ?? null,
      document: r?.document ? { text: r.document, href: safeHref(r.document) } : null,
      capacity: r?.capacity ?? null,
    },
    notes: r?.notes ?? null,
    justification: r?.justification ?? null,
    acceptedBy: r?.acceptedBy ?? null,
    rationale: r?.rationale ?? null,
    sources: i.item.sources.map((id) => {
      const source = evaluation.checklist.sources.get(id);
      return {
        id,
        title: source?.title ?? id,
        url: source?.url ?? null,
        href: safeHref(source?.url),
      };
    }),
    findings: [...findings]
      .sort((a, b) => RULE_IDS.indexOf(a.ruleId) - RULE_IDS.indexOf(b.ruleId))
      .map((f) => ({ ruleId: f.ruleId, level: f.level })),
  };
}

function capacityRow(
  d: StakeholderDetail,
  item: ReportItem,
  i: ItemEvaluation,
  evaluation: Evaluation,
  asOf: string,
): CapacityRow {
  const demand = i.demand!;
  const value = demand.value ?? null;
  const confirmed = item.evidence.capacity;
  const judged = itemState(i, stateContext(evaluation, asOf), stakeholderOf(evaluation, i));
  const state: CapacityState = judged.capacity!;
  const shortfall = judged.shortfall ?? null;
  return {
    stakeholder: d.stakeholder,
    name: d.name,
    item: item.id,
    question: item.question,
    unit: i.item.capacity?.unit ?? null,
    expression: demand.expression,
    reads: demand.reads.map((r) => ({ fact: r.name, value: r.value ?? null })),
    demand: value,
    capacity: confirmed,
    shortfall,
    state,
    status: item.status,
  };
}

function scopedOut(
  s: { id: string; name: string; agency?: string },
  c: ConditionOutcome,
): ScopedOutStakeholder {
  return { stakeholder: s.id, name: s.name, agency: s.agency ?? null, condition: condition(c) };
}

/**
 * Ranks by longest path (a stakeholder sits one rank below the lowest of
 * those it depends on), then one downward barycentre pass to order each rank
 * so edges cross less. Deterministic: ties keep coordination order.
 */
function coordinationGraph(details: readonly StakeholderDetail[]): CoordinationGraph {
  const ids = new Set(details.map((d) => d.stakeholder));
  const edges = details.flatMap((d) =>
    d.dependsOn
      .filter((dep) => ids.has(dep) && dep !== d.stakeholder)
      .map((dep) => ({ from: dep, to: d.stakeholder })),
  );
  const rank = new Map<string, number>();
  // Coordination order is topological, so every dependency is ranked first.
  for (const d of details) {
    const deps = d.dependsOn.filter((dep) => rank.has(dep));
    rank.set(d.stakeholder, deps.length ? Math.max(...deps.map((dep) => rank.get(dep)!)) + 1 : 0);
  }
  const ranks = details.length ? Math.max(...rank.values()) + 1 : 0;
  return {
    ranks,
    nodes: details.map((d) => ({
      stakeholder: d.stakeholder,
      name: d.name,
      order: d.order,
      rank: rank.get(d.stakeholder)!,
      decision: d.decision.state,
      signoff: d.signoff.state,
    })),
    edges,
  };
}

/** The stakeholder an evaluated item belongs to. */
function stakeholderOf(
  evaluation: Evaluation,
  i: ItemEvaluation,
): StakeholderEvaluation | undefined {
  return evaluation.stakeholders.find((s) => s.stakeholder.id === i.item.stakeholder);
}

function sha256(text: string): string {
  return `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
}

/** Whole days from `from` to `to` (calendar dates, UTC). */
export function daysBetween(from: string, to: string): number {
  const t = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((t(to) - t(from)) / 86_400_000);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
