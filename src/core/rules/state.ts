/**
 * The one place that decides what state an item, a decision and a sign-off
 * are in. Lint's rules, the review walk and the report model all ask here,
 * so "is this item done?" has one answer everywhere. Pure: no clock (the
 * as-of date is passed in), no file system.
 */
import type { Report } from "../types/report.js";
import { addBusinessDays } from "../evaluate/business-days.js";
import { isCalendarDate } from "../evaluate/dates.js";
import type { Evaluation, ItemEvaluation, StakeholderEvaluation } from "../evaluate/evaluate.js";
import type { RuleId } from "./findings.js";
import type {
  Comment,
  Condition,
  Escalation,
  ItemResponse,
  StakeholderRecord,
} from "../types/review.js";

/**
 * What states are judged against: the as-of date, and (for part two) the
 * draft's dates and the checklist's escalateTo. Only `asOf` is needed for v1.
 */
export interface StateContext {
  asOf: string;
  issuanceDate?: string;
  effectiveDate?: string;
  /** The checklist's top-level escalateTo (a stakeholder's own list wins). */
  escalateTo?: readonly string[];
}

/** The state context of an evaluated draft as of a date. */
export function stateContext(evaluation: Evaluation, asOf: string): StateContext {
  const { draft } = evaluation.draft;
  const context: StateContext = { asOf, escalateTo: evaluation.checklist.escalateTo ?? [] };
  if (draft.issuanceDate) context.issuanceDate = draft.issuanceDate;
  if (draft.effectiveDate) context.effectiveDate = draft.effectiveDate;
  return context;
}

type Judged = string | StateContext;
const contextOf = (judged: Judged): StateContext =>
  typeof judged === "string" ? { asOf: judged } : judged;

// ---- roles and levels (SPEC section 10) ------------------------------------

export type Role = "clear" | "consult" | "inform";
export type OfficialLevel = "staff" | "principal";

type StakeholderLike = Pick<StakeholderEvaluation, "stakeholder"> & {
  record?: StakeholderRecord | undefined;
};

export function roleOf(s: Pick<StakeholderEvaluation, "stakeholder">): Role {
  return s.stakeholder.role ?? "clear";
}

export function requiredLevelOf(s: Pick<StakeholderEvaluation, "stakeholder">): OfficialLevel {
  return s.stakeholder.level ?? "staff";
}

// ---- tasking and suspenses (SPEC section 11) -------------------------------

export interface TaskingState {
  tasked: string;
  /** The suspense: given in the tasking, or computed from the checklist's business days. */
  suspense?: string;
  /** The suspense was computed (`businessDays` after tasking), not given. */
  computed: boolean;
  businessDays?: number;
  extendedTo?: string;
  /** The date that counts: the extension, else the suspense. */
  deadline?: string;
  /** The deadline is before the as-of date. */
  past: boolean;
}

/** The tasking of a stakeholder, when the review records one. */
export function taskingState(s: StakeholderLike, judged: Judged): TaskingState | undefined {
  const tasking = s.record?.tasking;
  if (!tasking || !isCalendarDate(tasking.tasked)) return undefined;
  const { asOf } = contextOf(judged);
  const businessDays = s.stakeholder.suspense?.businessDays;
  const state: TaskingState = { tasked: tasking.tasked, computed: false, past: false };
  if (tasking.suspense) state.suspense = tasking.suspense;
  else if (businessDays !== undefined) {
    state.suspense = addBusinessDays(tasking.tasked, businessDays);
    state.computed = true;
  }
  if (businessDays !== undefined) state.businessDays = businessDays;
  if (tasking.extendedTo) state.extendedTo = tasking.extendedTo;
  const deadline = state.extendedTo ?? state.suspense;
  if (deadline) {
    state.deadline = deadline;
    state.past = deadline < asOf;
  }
  return state;
}

/** When an item must be done: the extension, the tasking's suspense, else its due date. */
export interface Deadline {
  date: string;
  source: "extension" | "suspense" | "due";
}

export function itemDeadline(
  i: Pick<ItemEvaluation, "dueDate">,
  tasking: TaskingState | undefined,
): Deadline | undefined {
  if (tasking?.extendedTo) return { date: tasking.extendedTo, source: "extension" };
  if (tasking?.suspense) return { date: tasking.suspense, source: "suspense" };
  if (i.dueDate) return { date: i.dueDate, source: "due" };
  return undefined;
}

export type ItemStatus = ItemResponse["status"];

/** Statuses that close an item (given their evidence or justification). */
export const DONE_STATUSES: ReadonlySet<string> = new Set([
  "satisfied",
  "not-applicable",
  "risk-accepted",
]);

/**
 * Where an item stands, all things considered:
 * - `open`, `in-progress`: not done (the response's status, `open` when none);
 * - `evidence-missing`: satisfied without every evidence field the item asks for;
 * - `unjustified`: not-applicable or risk-accepted without its justification;
 * - `below-demand`: satisfied, but confirmed capacity is short of the demand
 *   (or not recorded against a known demand);
 * - `satisfied`, `not-applicable`, `risk-accepted`: done, nothing lacking.
 *
 * The list itself is report.schema.json's (one source of truth).
 */
export type ItemPhase = Report["stakeholders"][number]["items"][number]["state"];

/**
 * Capacity against the evaluated demand, for items with a capacity check;
 * `late`: enough, but available only after the date the item asks for.
 */
export type CapacityState =
  "sufficient" | "shortfall" | "unconfirmed" | "unknown" | "waived" | "late";

export interface ItemState {
  status: ItemStatus;
  /** The status closes the item (satisfied, not-applicable, risk-accepted). */
  done: boolean;
  /** Evidence fields a satisfied response lacks (empty otherwise). */
  missingEvidence: string[];
  /** Justification fields a not-applicable or risk-accepted response lacks. */
  missingJustification: Array<"justification" | "acceptedBy" | "rationale">;
  /** Done, with everything its status requires: nothing left to ask. */
  answered: boolean;
  /** Capacity against demand; undefined when the item has no capacity check. */
  capacity?: CapacityState;
  /** How far confirmed capacity falls short (0 when it meets the demand). */
  shortfall?: number;
  /** The date capacity must exist by, when the item asks (availableBy). */
  availableBy?: string;
  /** When the item must be done: extension, tasking suspense or due date. */
  deadline?: Deadline;
  /** Applicable, not done and past its deadline as of the date given. */
  overdue: boolean;
  phase: ItemPhase;
}

function blank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
  );
}

/**
 * The state of one evaluated item as of a date (YYYY-MM-DD) or a state
 * context; with its stakeholder, the tasking's suspense sets the deadline.
 */
export function itemState(i: ItemEvaluation, judged: Judged, s?: StakeholderLike): ItemState {
  const context = contextOf(judged);
  const { asOf } = context;
  const r = i.response;
  const status: ItemStatus = r?.status ?? "open";
  const done = DONE_STATUSES.has(status);
  const fields = (r ?? {}) as unknown as Record<string, unknown>;
  const missingEvidence =
    status === "satisfied" ? i.item.evidence.filter((field) => blank(fields[field])) : [];
  const missingJustification: ItemState["missingJustification"] = [];
  if (status === "not-applicable" && blank(r?.justification))
    missingJustification.push("justification");
  if (status === "risk-accepted") {
    if (blank(r?.acceptedBy)) missingJustification.push("acceptedBy");
    if (blank(r?.rationale)) missingJustification.push("rationale");
  }
  const answered = done && missingEvidence.length === 0 && missingJustification.length === 0;
  const state: ItemState = {
    status,
    done,
    missingEvidence,
    missingJustification,
    answered,
    overdue: false,
    phase: status,
  };
  const deadline = itemDeadline(i, s ? taskingState(s, context) : undefined);
  if (deadline) {
    state.deadline = deadline;
    state.overdue = i.applies === true && !done && deadline.date < asOf;
  }
  if (i.demand) {
    const demand = i.demand.value;
    const confirmed = r?.capacity;
    if (status === "not-applicable" || status === "risk-accepted") state.capacity = "waived";
    else if (demand === undefined) state.capacity = "unknown";
    else if (confirmed === undefined) {
      state.capacity = "unconfirmed";
      state.shortfall = demand;
    } else if (confirmed < demand) {
      state.capacity = "shortfall";
      state.shortfall = demand - confirmed;
    } else {
      state.capacity = "sufficient";
      state.shortfall = 0;
    }
    const by = availableByDate(i, context);
    if (by) {
      state.availableBy = by;
      if (state.capacity === "sufficient" && r?.availableOn && r.availableOn > by)
        state.capacity = "late";
    }
  }
  if (missingEvidence.length > 0) state.phase = "evidence-missing";
  else if (missingJustification.length > 0) state.phase = "unjustified";
  else if (
    status === "satisfied" &&
    (state.capacity === "shortfall" ||
      state.capacity === "unconfirmed" ||
      state.capacity === "late")
  )
    state.phase = "below-demand";
  return state;
}

/** The date an item's capacity must exist by (availableBy: issuance or effective). */
function availableByDate(i: ItemEvaluation, context: StateContext): string | undefined {
  const wanted = i.item.capacity?.availableBy;
  if (!wanted) return undefined;
  if (wanted === "effective") return context.effectiveDate ?? context.issuanceDate;
  return context.issuanceDate;
}

/**
 * What the report and the walk show as a stakeholder's decision:
 * the recorded status; `pending` (none yet, or the objection was withdrawn
 * and a new decision is due); `decided-over-objection` (a non-concurrence
 * overruled by an official in escalateTo); `cleared-by-silence` (no answer by
 * the suspense from an office whose silence is concurrence); `not-asked`
 * (consult and inform offices, which are not asked to decide).
 */
export type DecisionState =
  | "concur"
  | "concur-with-comments"
  | "non-concur"
  | "pending"
  | "decided-over-objection"
  | "cleared-by-silence"
  | "not-asked";

/** An escalation as judged: its outcome, or `invalid` when it cannot count. */
export interface EscalationState {
  status: "pending" | "overruled" | "upheld" | "withdrawn" | "invalid";
  record: Escalation;
  /** Titles that may decide over the objection. */
  authorized: string[];
  /** Why it cannot count, when invalid. */
  problem?: string;
  /** The field to point at when invalid. */
  field?: "decidedBy" | "outcome" | "to";
}

export interface StakeholderDecisionState {
  state: DecisionState;
  role: Role;
  /** A decision is recorded, or none is needed: nothing left to ask. */
  settled: boolean;
  escalation?: EscalationState;
  /** The date the office was cleared by silence (its deadline). */
  silentSince?: string;
  /** Conditions of the decision, with their position in the list. */
  conditions: Array<{ condition: Condition; index: number; open: boolean }>;
}

const sameTitle = (a: string, b: string) =>
  a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

function escalationState(
  s: StakeholderLike,
  escalation: Escalation,
  context: StateContext,
): EscalationState {
  const authorized = [...(s.stakeholder.escalateTo ?? context.escalateTo ?? [])];
  const base = { record: escalation, authorized };
  const decision = s.record?.decision;
  const outcome = escalation.outcome;
  if (outcome !== "withdrawn" && decision?.status !== "non-concur") {
    return {
      ...base,
      status: "invalid",
      field: "to",
      problem: decision
        ? `an escalation is recorded but the office ${decision.status === "concur" ? "concurs" : "concurs with comments"}; only a non-concurrence is elevated`
        : "an escalation is recorded but the office has not non-concurred; only a non-concurrence is elevated",
    };
  }
  if (outcome === "overruled") {
    const by = escalation.decidedBy;
    if (!by) {
      return {
        ...base,
        status: "invalid",
        field: "outcome",
        problem: "it is overruled without `decidedBy` naming the official who decided",
      };
    }
    if (!authorized.some((title) => sameTitle(title, by.title))) {
      return {
        ...base,
        status: "invalid",
        field: "decidedBy",
        problem: authorized.length
          ? `it was overruled by ${by.name} (${by.title}), who is not among those who may decide over this office's objection: ${authorized.join(", ")}`
          : `it was overruled by ${by.name} (${by.title}), but neither the stakeholder nor the checklist lists \`escalateTo\` (who may decide over an objection)`,
      };
    }
    return { ...base, status: "overruled" };
  }
  return { ...base, status: outcome ?? "pending" };
}

/** The decision state of one stakeholder (as of a date, for clearance by silence). */
export function decisionState(s: StakeholderLike, judged?: Judged): StakeholderDecisionState {
  const context = judged === undefined ? undefined : contextOf(judged);
  const role = roleOf(s);
  const decision = s.record?.decision;
  const conditions = (decision?.conditions ?? []).map((condition, index) => ({
    condition,
    index,
    open: (condition.status ?? "open") === "open",
  }));
  const result: StakeholderDecisionState = { state: "pending", role, settled: false, conditions };
  const escalation = s.record?.escalation;
  if (escalation && context) result.escalation = escalationState(s, escalation, context);
  if (!decision) {
    if (role !== "clear") return { ...result, state: "not-asked", settled: true };
    if (s.stakeholder.silenceIsConcurrence && context) {
      const tasking = taskingState(s, context);
      if (tasking?.deadline && tasking.past) {
        return {
          ...result,
          state: "cleared-by-silence",
          settled: true,
          silentSince: tasking.deadline,
        };
      }
    }
    return result;
  }
  if (decision.status === "non-concur") {
    const status = result.escalation?.status;
    if (status === "overruled")
      return { ...result, state: "decided-over-objection", settled: true };
    // Withdrawn: the objection no longer stands and a new decision is due.
    if (status === "withdrawn") return result;
    return { ...result, state: "non-concur", settled: true };
  }
  return { ...result, state: decision.status, settled: true };
}

// ---- comments (SPEC section 12) --------------------------------------------

export interface CommentState {
  disposition: NonNullable<Comment["disposition"]>;
  resolution: NonNullable<Comment["resolution"]>;
  /** Not accepted and not agreed by the commenter. */
  unresolved: boolean;
  /** Rejected or partially accepted without a response. */
  responseMissing: boolean;
}

export function commentState(comment: Comment): CommentState {
  const disposition = comment.disposition ?? "pending";
  const resolution = comment.resolution ?? "open";
  return {
    disposition,
    resolution,
    unresolved: disposition !== "accepted" && resolution !== "agreed",
    responseMissing:
      (disposition === "rejected" || disposition === "partially-accepted") &&
      blank(comment.response),
  };
}

/**
 * A stakeholder's sign-off state. `signature-verified`: the last sign-off is
 * current and its signature verifies; `valid`: current, unsigned; `stale`:
 * what was signed changed; `invalid`: a signature cannot be trusted;
 * `missing`: none and one is required; `not-required`: none and optional.
 */
export type SignoffState =
  "signature-verified" | "valid" | "stale" | "invalid" | "missing" | "not-required";

/**
 * Does this stakeholder owe a sign-off? `signoff: required` (the default) on a
 * `clear` office that decided: consult and inform offices do not sign, nor
 * does one cleared by silence or decided over its objection.
 */
export function signoffRequired(s: StakeholderLike, judged?: Judged): boolean {
  if (s.stakeholder.signoff !== "required") return false;
  const { state, role } = decisionState(s, judged);
  return role === "clear" && state !== "cleared-by-silence" && state !== "decided-over-objection";
}

/** The findings that decide a sign-off state, worst first. */
export const SIGNOFF_RULES: ReadonlyArray<readonly [RuleId, SignoffState]> = [
  ["signature-invalid", "invalid"],
  ["signoff-stale", "stale"],
  ["signoff-missing", "missing"],
];

/**
 * The sign-off state from what was judged: `untrusted` when any signature
 * fails, `stale` when the last sign-off's digest no longer matches, `signed`
 * when the last one carries a verified (or, without judgement, any) key.
 */
export function signoffState(facts: {
  required: boolean;
  count: number;
  untrusted: boolean;
  stale: boolean;
  signed: boolean;
}): SignoffState {
  if (facts.untrusted) return "invalid";
  if (facts.stale) return "stale";
  if (facts.count === 0) return facts.required ? "missing" : "not-required";
  return facts.signed ? "signature-verified" : "valid";
}

/**
 * The sign-off state from the sign-off findings lint produced (the report's
 * view: the rules already judged digests and keys). The worst finding wins.
 */
export function signoffStateFromFindings(
  required: boolean,
  signatures: ReadonlyArray<{ keyId?: string | null }>,
  ruleIds: readonly RuleId[],
): SignoffState {
  const judged = SIGNOFF_RULES.find(([rule]) => ruleIds.includes(rule))?.[1];
  if (judged) return judged;
  return signoffState({
    required,
    count: signatures.length,
    untrusted: false,
    stale: false,
    signed: signatures.some((s) => s.keyId !== undefined && s.keyId !== null),
  });
}

/** Does the draft use anything of SPEC part two? */
/** Part-two fields change no v1 output: reports and explain add their part only then. */
export function usesLifecycle(evaluation: Evaluation): boolean {
  if (evaluation.draft.draft.effectiveDate) return true;
  if (evaluation.checklist.escalateTo.length > 0) return true;
  return evaluation.stakeholders.some((s) => {
    const st = s.stakeholder;
    const r = s.record;
    return (
      st.role !== undefined ||
      st.level !== undefined ||
      st.confirmScopeOut !== undefined ||
      st.silenceIsConcurrence !== undefined ||
      st.suspense !== undefined ||
      st.escalateTo !== undefined ||
      st.items.some((i) => i.needs !== undefined || i.capacity?.availableBy !== undefined) ||
      (r !== undefined &&
        (r.notice !== undefined ||
          r.tasking !== undefined ||
          r.comments !== undefined ||
          r.escalation !== undefined ||
          r.scopeOut !== undefined ||
          r.decision?.level !== undefined ||
          r.decision?.conditions !== undefined))
    );
  });
}
