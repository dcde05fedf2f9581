/**
 * Evaluation of one draft: its resolved checklist, its review, the facts both
 * give, which stakeholders and items apply and why, in coordination order.
 */
import path from "node:path";
import { PreclearError } from "../diagnostics.js";
import type { Diagnostic, Location } from "../diagnostics.js";
import type {
  ChecklistLibrary,
  ResolvedChecklist,
  ResolvedItem,
  ResolvedStakeholder,
} from "../load/checklist.js";
import type { DraftContext, Evaluated } from "./cel.js";
import { parseDuration, subtractDuration } from "./dates.js";
import { loadDraft } from "../load/draft.js";
import type { DraftOptions, LoadedDraft } from "../load/draft.js";
import { factValueProblem } from "./facts.js";
import { loadReview } from "../load/review.js";
import type { LoadedReview } from "../load/review.js";
import { closest } from "../load/schemas.js";
import type { FactValue } from "../types/draft.js";
import type { ItemResponse, StakeholderRecord } from "../types/review.js";
import { locate } from "../load/yaml.js";

/** A draft with everything it refers to, loaded and checked. */
export interface DraftBundle {
  draft: LoadedDraft;
  checklist: ResolvedChecklist;
  review: LoadedReview;
  /** Every known fact value: the draft's, then the review's. */
  facts: Map<string, FactValue>;
  /** Where each fact value was given. */
  factLocations: Map<string, Location>;
}

/**
 * Load a draft, its checklists and its review, with every diagnostic found.
 * A draft that cannot be evaluated throws a PreclearError of kind
 * "unevaluable", whatever its files' problems were (SPEC section 5: for
 * commands on one draft, "so broken it cannot be evaluated"; `check` turns
 * it into invalid-file findings).
 */
export function loadBundle(
  file: string,
  library: ChecklistLibrary,
  options: DraftOptions = {},
): DraftBundle {
  try {
    return loadBundleOrThrow(file, library, options);
  } catch (error) {
    if (error instanceof PreclearError && error.kind !== "unevaluable") {
      throw new PreclearError(error.diagnostics, "unevaluable");
    }
    throw error;
  }
}

function loadBundleOrThrow(
  file: string,
  library: ChecklistLibrary,
  options: DraftOptions = {},
): DraftBundle {
  const draft = loadDraft(file, { limits: library.limits, ...options });
  const refs = draft.draft.checklists.map((ref, index) => ({
    ref,
    at: locate(draft.loaded, [...draft.base, "checklists", index]),
  }));
  const { resolved, diagnostics } = library.resolve(refs, path.dirname(file));
  if (!resolved) throw new PreclearError(diagnostics, "invalid-input");
  const review = loadReview(draft.reviewPath, draft.draft.id, library.limits);
  const problems: Diagnostic[] = [];
  const facts = new Map<string, FactValue>();
  const factLocations = new Map<string, Location>();
  const known = [...resolved.facts.keys()];

  for (const [name, value] of Object.entries(draft.draft.facts ?? {})) {
    const at = locate(draft.loaded, [...draft.base, "facts", name]);
    const problem = checkFact(resolved, name, value, known);
    if (problem) problems.push({ location: at, message: problem });
    else {
      facts.set(name, value);
      factLocations.set(name, at);
    }
  }
  for (const [name, { value, fragment }] of review.facts) {
    const at = locate(fragment.loaded, ["facts", name]);
    const problem = checkFact(resolved, name, value, known);
    if (problem) {
      problems.push({ location: at, message: problem });
    } else if (facts.has(name) && JSON.stringify(facts.get(name)) !== JSON.stringify(value)) {
      problems.push({
        location: at,
        message: `fact \`${name}\` is ${JSON.stringify(value)} here but ${JSON.stringify(facts.get(name))} in the draft; answer it in one place`,
      });
    } else if (!facts.has(name)) {
      facts.set(name, value);
      factLocations.set(name, at);
    }
  }
  if (problems.length > 0) throw new PreclearError(problems, "invalid-input");
  return { draft, checklist: resolved, review, facts, factLocations };
}

function checkFact(
  resolved: ResolvedChecklist,
  name: string,
  value: FactValue,
  known: string[],
): string | undefined {
  const declared = resolved.facts.get(name);
  if (!declared) {
    const hint = closest(name, known);
    return `unknown fact \`${name}\`${hint ? ` (did you mean \`${hint}\`?)` : ""}; the checklists declare: ${known.join(", ") || "none"}`;
  }
  const problem = factValueProblem(declared.fact, value);
  return problem ? `fact \`${name}\` ${problem}` : undefined;
}

/** A condition's outcome: true, false, or unknown because facts are missing. */
export interface ConditionOutcome extends Evaluated {
  expression?: string;
  /** undefined when it could not be decided. */
  result: boolean | undefined;
}

export interface ItemEvaluation {
  item: ResolvedItem;
  condition: ConditionOutcome;
  /** True only when the stakeholder and the item both apply. */
  applies: boolean | undefined;
  response?: ItemResponse;
  /** Evaluated capacity demand, for items with a capacity check. */
  demand?: DemandOutcome;
  /** Issuance date − due, when both are known. */
  dueDate?: string;
}

export interface DemandOutcome extends Omit<Evaluated, "value"> {
  expression: string;
  /** The demand, when it could be computed and is a number. */
  value?: number;
}

export interface StakeholderEvaluation {
  stakeholder: ResolvedStakeholder;
  condition: ConditionOutcome;
  applies: boolean | undefined;
  record?: StakeholderRecord;
  items: ItemEvaluation[];
}

export interface Evaluation extends DraftBundle {
  /** Every stakeholder, in coordination order (a stable topological order of dependsOn). */
  stakeholders: StakeholderEvaluation[];
  draftContext: DraftContext;
}

export function evaluate(bundle: DraftBundle): Evaluation {
  const { checklist, review, facts, draft } = bundle;
  const draftContext: DraftContext = {
    id: draft.draft.id,
    title: draft.draft.title,
    issuer: draft.draft.issuer ?? "",
    issuanceDate: draft.draft.issuanceDate ?? "",
    effectiveDate: draft.draft.effectiveDate ?? "",
  };
  const table = checklist.cel.facts;
  // A compiled condition remembers its outcomes by the values it read, so
  // the 203 `facts.changesProsecutionVolume` of the built-ins run once.
  const outcomeOf = (expression: string): Evaluated =>
    checklist.cel.compile(expression).evaluate(facts, table, draftContext);
  const run = (expression: string | undefined): ConditionOutcome => {
    if (expression === undefined) return { result: true, reads: [], missing: [] };
    const outcome = outcomeOf(expression);
    const result = outcome.value === undefined ? undefined : outcome.value === true;
    return { ...outcome, expression, result };
  };
  const stakeholders = orderOf(checklist).map((stakeholder) => {
    const condition = run(stakeholder.appliesWhen);
    const record = review.stakeholders.get(stakeholder.id)?.record;
    const items = stakeholder.items.map((item): ItemEvaluation => {
      const itemCondition: ConditionOutcome =
        condition.result === true
          ? run(item.appliesWhen)
          : { result: undefined, reads: [], missing: [] };
      const applies =
        condition.result === false
          ? false
          : condition.result === true
            ? itemCondition.result
            : undefined;
      const evaluation: ItemEvaluation = { item, condition: itemCondition, applies };
      const response = record?.items?.[item.id];
      if (response) evaluation.response = response;
      if (item.capacity && applies) {
        const outcome = outcomeOf(item.capacity.demand);
        const { value, ...rest } = outcome;
        evaluation.demand = { ...rest, expression: item.capacity.demand };
        if (typeof value === "number" && Number.isFinite(value)) evaluation.demand.value = value;
        else if (value !== undefined && !rest.error)
          evaluation.demand.error = "demand is not a number";
      }
      if (item.due && draft.draft.issuanceDate) {
        const dueDate = dueDateOf(draft.draft.issuanceDate, item.due);
        if (dueDate !== undefined) evaluation.dueDate = dueDate;
      }
      return evaluation;
    });
    const evaluation: StakeholderEvaluation = {
      stakeholder,
      condition,
      applies: condition.result,
      items,
    };
    if (record) evaluation.record = record;
    return evaluation;
  });
  return { ...bundle, stakeholders, draftContext };
}

// A run over many drafts evaluates the same few resolved checklists and
// issuance dates again and again: what depends on nothing else is kept.
const orders = new WeakMap<ResolvedChecklist, ResolvedStakeholder[]>();
const dueDates = new Map<string, string | undefined>();

/** The coordination order of a resolved checklist, once per checklist. */
function orderOf(checklist: ResolvedChecklist): ResolvedStakeholder[] {
  let order = orders.get(checklist);
  if (!order) {
    order = coordinationOrder(checklist.stakeholders);
    orders.set(checklist, order);
  }
  return order;
}

/** `issuanceDate − due` (undefined when `due` is no duration), once per pair. */
function dueDateOf(issuanceDate: string, due: string): string | undefined {
  const key = `${issuanceDate} ${due}`;
  if (dueDates.has(key)) return dueDates.get(key);
  const duration = parseDuration(due);
  const date = duration ? subtractDuration(issuanceDate, duration) : undefined;
  dueDates.set(key, date);
  return date;
}

/**
 * Stable topological order: a stakeholder comes after everything it depends
 * on; otherwise checklist order is kept (Kahn's algorithm, lowest index first).
 */
export function coordinationOrder(list: readonly ResolvedStakeholder[]): ResolvedStakeholder[] {
  const index = new Map(list.map((s, i) => [s.id, i]));
  const remaining = new Map(
    list.map((s) => [s.id, s.dependsOn.filter((d) => index.has(d) && d !== s.id).length]),
  );
  const dependents = new Map<string, string[]>();
  for (const s of list) {
    for (const d of s.dependsOn)
      if (index.has(d)) dependents.set(d, [...(dependents.get(d) ?? []), s.id]);
  }
  const ready = list.filter((s) => remaining.get(s.id) === 0).map((s) => index.get(s.id)!);
  const order: ResolvedStakeholder[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const next = list[ready.shift()!]!;
    order.push(next);
    for (const d of dependents.get(next.id) ?? []) {
      const left = remaining.get(d)! - 1;
      remaining.set(d, left);
      if (left === 0) ready.push(index.get(d)!);
    }
  }
  // Cycles are validation errors; keep any leftovers in checklist order anyway.
  for (const s of list) if (!order.includes(s)) order.push(s);
  return order;
}
