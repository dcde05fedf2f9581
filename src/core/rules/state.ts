/**
 * The one place that decides what state an item, a decision and a sign-off
 * are in. Lint's rules, the review walk and the report model all ask here,
 * so "is this item done?" has one answer everywhere. Pure: no clock (the
 * as-of date is passed in), no file system.
 */
import type { ItemEvaluation, StakeholderEvaluation } from "../evaluate/evaluate.js";
import type { RuleId } from "./findings.js";
import type { ItemResponse } from "../types/review.js";

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
 */
export type ItemPhase =
  | "open"
  | "in-progress"
  | "evidence-missing"
  | "unjustified"
  | "below-demand"
  | "satisfied"
  | "not-applicable"
  | "risk-accepted";

/** Capacity against the evaluated demand, for items with a capacity check. */
export type CapacityState = "sufficient" | "shortfall" | "unconfirmed" | "unknown" | "waived";

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
  /** Applicable, not done and past its due date as of the date given. */
  overdue: boolean;
  phase: ItemPhase;
}

function blank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
  );
}

/** The state of one evaluated item as of a date (YYYY-MM-DD). */
export function itemState(i: ItemEvaluation, asOf: string): ItemState {
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
    overdue: i.applies === true && !done && i.dueDate !== undefined && i.dueDate < asOf,
    phase: status,
  };
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
  }
  if (missingEvidence.length > 0) state.phase = "evidence-missing";
  else if (missingJustification.length > 0) state.phase = "unjustified";
  else if (
    status === "satisfied" &&
    (state.capacity === "shortfall" || state.capacity === "unconfirmed")
  )
    state.phase = "below-demand";
  return state;
}

/** What the report and the walk show as a stakeholder's decision. */
export type DecisionState = "concur" | "concur-with-comments" | "non-concur" | "pending";

export interface StakeholderDecisionState {
  state: DecisionState;
  /** A decision is recorded, or none is needed: nothing left to ask. */
  settled: boolean;
}

/** The decision state of one stakeholder. */
export function decisionState(s: Pick<StakeholderEvaluation, "record">): StakeholderDecisionState {
  const decision = s.record?.decision;
  if (!decision) return { state: "pending", settled: false };
  return { state: decision.status, settled: true };
}

/**
 * A stakeholder's sign-off state. `signature-verified`: the last sign-off is
 * current and its signature verifies; `valid`: current, unsigned; `stale`:
 * what was signed changed; `invalid`: a signature cannot be trusted;
 * `missing`: none and one is required; `not-required`: none and optional.
 */
export type SignoffState =
  "signature-verified" | "valid" | "stale" | "invalid" | "missing" | "not-required";

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
