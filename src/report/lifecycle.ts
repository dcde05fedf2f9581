/**
 * The clearance lifecycle part of the report (SPEC part two): per office its
 * role, level, notice, tasking and suspense, escalation, clearance by silence
 * and conditions; the comment-resolution matrix; open conditions as tracked
 * items; scope-out confirmations. Present only when the draft's checklist or
 * review uses part two, so a v1 report is exactly what it was. Every state
 * comes from core/rules/state.ts.
 */
import type { ConditionOutcome, Evaluation } from "../core/evaluate/evaluate.js";
import { formatFactValue } from "../core/evaluate/facts.js";
import {
  commentState,
  decisionState,
  requiredLevelOf,
  stateContext,
  taskingState,
  usesLifecycle,
} from "../core/rules/state.js";
import type { DecisionState } from "../core/rules/state.js";
import type {
  CommentRow,
  LifecycleOffice,
  Report,
  ScopeOutRow,
  TrackedCondition,
} from "../core/types/report.js";

// The shapes are generated from schemas/report.schema.json (one source of truth).
export type { CommentRow, LifecycleOffice, ScopeOutRow, TrackedCondition };

export type LifecycleReport = NonNullable<Report["lifecycle"]>;

function ruledOutBy(c: ConditionOutcome): string {
  const reads = c.reads.map((r) => `${r.name} = ${formatFactValue(r.value)}`).join(", ");
  return `${c.expression ?? "always"}${reads ? ` with ${reads}` : ""} → ${String(c.result)}`;
}

function summaryOf(
  state: DecisionState,
  conditions: { total: number; open: number },
  silentSince: string | undefined,
): string {
  switch (state) {
    case "decided-over-objection":
      return "decided over objection";
    case "cleared-by-silence":
      return `cleared by silence on ${silentSince}`;
    case "not-asked":
      return "no decision asked";
    case "pending":
      return "no decision";
    default: {
      const words = state === "concur-with-comments" ? "concur with comments" : state;
      if (conditions.total === 0) return words;
      const open = conditions.open ? ` (${conditions.open} open)` : "";
      return `${state === "non-concur" ? words : "concur"} with ${conditions.total} condition${conditions.total === 1 ? "" : "s"}${open}`;
    }
  }
}

/** The lifecycle part of the report, or undefined for a v1 draft. */
export function buildLifecycle(evaluation: Evaluation, asOf: string): LifecycleReport | undefined {
  if (!usesLifecycle(evaluation)) return undefined;
  const context = stateContext(evaluation, asOf);
  const applicable = evaluation.stakeholders.filter((s) => s.applies === true);
  const offices: LifecycleOffice[] = [];
  const comments: CommentRow[] = [];
  const conditions: TrackedCondition[] = [];
  applicable.forEach((s, index) => {
    const id = s.stakeholder.id;
    const name = s.stakeholder.name;
    const record = s.record;
    const decision = decisionState(s, context);
    const tasking = taskingState(s, context);
    const counts = {
      total: decision.conditions.length,
      open: decision.conditions.filter((c) => c.open).length,
    };
    const recorded = record?.comments ?? [];
    const escalation = decision.escalation;
    const notice = record?.notice;
    offices.push({
      order: index + 1,
      stakeholder: id,
      name,
      role: decision.role,
      level: requiredLevelOf(s),
      decision: {
        state: decision.state,
        level: record?.decision?.level ?? null,
        summary: summaryOf(decision.state, counts, decision.silentSince),
      },
      notice: notice
        ? {
            date: notice.date,
            by: notice.by ?? null,
            means: notice.means ?? null,
            to: notice.to ?? null,
            version: notice.version ?? null,
          }
        : null,
      tasking: tasking
        ? {
            tasked: tasking.tasked,
            tasker: record?.tasking?.tasker ?? null,
            acknowledged: record?.tasking?.acknowledged ?? null,
            suspense: tasking.suspense ?? null,
            suspenseComputed: tasking.computed,
            businessDays: tasking.businessDays ?? null,
            extendedTo: tasking.extendedTo ?? null,
            deadline: tasking.deadline ?? null,
            overdue: tasking.past && decision.state === "pending",
          }
        : null,
      escalation: escalation
        ? {
            to: escalation.record.to,
            date: escalation.record.date ?? null,
            outcome: escalation.record.outcome ?? "pending",
            valid: escalation.status !== "invalid",
            decidedBy: escalation.record.decidedBy
              ? { name: escalation.record.decidedBy.name, title: escalation.record.decidedBy.title }
              : null,
            decided: escalation.record.decided ?? null,
            rationale: escalation.record.rationale ?? null,
            dissent: escalation.record.dissent ?? null,
          }
        : null,
      clearedBySilence: decision.silentSince ?? null,
      conditions: counts,
      comments: {
        total: recorded.length,
        unresolved: recorded.filter((c) => commentState(c).unresolved).length,
      },
    });
    for (const c of recorded) {
      const state = commentState(c);
      comments.push({
        stakeholder: id,
        name,
        id: c.id,
        type: c.type,
        location: c.location ?? null,
        text: c.text,
        proposed: c.proposed ?? null,
        by: c.by ?? null,
        date: c.date ?? null,
        disposition: state.disposition,
        response: c.response ?? null,
        resolution: state.resolution,
        unresolved: state.unresolved,
      });
    }
    for (const { condition, open } of decision.conditions) {
      conditions.push({
        stakeholder: id,
        name,
        id: condition.id,
        text: condition.text,
        owner: condition.owner ?? null,
        due: condition.due ?? null,
        status: open ? "open" : "met",
        overdue: open && condition.due !== undefined && condition.due < asOf,
      });
    }
  });
  const scopeOuts: ScopeOutRow[] = evaluation.stakeholders
    .filter((s) => s.applies === false && (s.stakeholder.confirmScopeOut || s.record?.scopeOut))
    .map((s) => {
      const confirmation = s.record?.scopeOut;
      return {
        stakeholder: s.stakeholder.id,
        name: s.stakeholder.name,
        confirmRequired: s.stakeholder.confirmScopeOut === true,
        ruledOutBy: ruledOutBy(s.condition),
        confirmation: confirmation
          ? {
              confirmedBy: confirmation.confirmedBy,
              date: confirmation.date,
              basis: confirmation.basis,
            }
          : null,
      };
    });
  return { offices, comments, conditions, scopeOuts };
}
