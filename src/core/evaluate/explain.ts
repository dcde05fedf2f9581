/** The model behind `preclear explain`: what applies, in order, and why. */
import type { ConditionOutcome, Evaluation } from "./evaluate.js";
import type { FactValue } from "../types/draft.js";
import {
  decisionState,
  requiredLevelOf,
  stateContext,
  taskingState,
  usesLifecycle,
} from "../rules/state.js";
import type { DecisionState, OfficialLevel, Role } from "../rules/state.js";

export interface ConditionExplanation {
  expression: string | null;
  reads: Array<{ fact: string; value: FactValue | null }>;
  result: boolean | null;
  missing: string[];
  error: string | null;
}

export interface ItemExplanation {
  id: string;
  question: string;
  severity: string;
  applies: boolean | null;
  condition: ConditionExplanation;
  status: string;
  dueDate: string | null;
  demand: {
    expression: string;
    value: number | null;
    unit: string | null;
    capacity: number | null;
  } | null;
}

export interface StakeholderExplanation {
  id: string;
  name: string;
  order: number | null;
  dependsOn: string[];
  applies: boolean | null;
  condition: ConditionExplanation;
  decision: string | null;
  items: ItemExplanation[];
  /** SPEC part two, present when the draft uses it: role, level, suspense, scope-out. */
  lifecycle?: StakeholderLifecycle;
}

export interface StakeholderLifecycle {
  role: Role;
  level: OfficialLevel;
  decision: DecisionState;
  silenceIsConcurrence: boolean;
  /** Declared suspense, and the tasking's dates when the office was tasked. */
  suspense: {
    businessDays: number | null;
    tasked: string | null;
    date: string | null;
    computed: boolean;
    extendedTo: string | null;
    past: boolean;
  } | null;
  notice: string | null;
  /** For a stakeholder ruled out: whether that must be confirmed, and by whom it was. */
  scopeOut: {
    required: boolean;
    confirmedBy: string | null;
    date: string | null;
    basis: string | null;
  } | null;
}

export interface Explanation {
  draft: {
    file: string;
    id: string;
    title: string;
    issuanceDate: string | null;
    contentDigest: string;
    /** What the content digest covers: markdown body, docx text, or the bytes of another format. */
    textFormat: "markdown" | "docx" | "bytes";
  };
  checklists: Array<{ id: string; version: string }>;
  facts: Array<{ name: string; value: FactValue | null; from: string | null }>;
  stakeholders: StakeholderExplanation[];
}

function condition(c: ConditionOutcome): ConditionExplanation {
  return {
    expression: c.expression ?? null,
    reads: c.reads.map((r) => ({ fact: r.name, value: r.value ?? null })),
    result: c.result ?? null,
    missing: c.missing,
    error: c.error ?? null,
  };
}

/** `asOf` (YYYY-MM-DD) judges suspenses and clearance by silence; without it none is past. */
export function explain(evaluation: Evaluation, asOf = "0000-01-01"): Explanation {
  const { draft, checklist, facts, factLocations } = evaluation;
  const lifecycle = usesLifecycle(evaluation);
  const context = stateContext(evaluation, asOf);
  let order = 0;
  return {
    draft: {
      file: draft.file,
      id: draft.draft.id,
      title: draft.draft.title,
      issuanceDate: draft.draft.issuanceDate ?? null,
      contentDigest: draft.contentDigest,
      textFormat: draft.textFormat,
    },
    checklists: checklist.members.map((m) => ({
      id: m.checklist.id,
      version: m.checklist.version,
    })),
    facts: [...checklist.facts.keys()].map((name) => ({
      name,
      value: facts.get(name) ?? null,
      from: factLocations.get(name)?.file ?? null,
    })),
    stakeholders: evaluation.stakeholders.map((s) => ({
      id: s.stakeholder.id,
      name: s.stakeholder.name,
      order: s.applies === true ? ++order : null,
      dependsOn: s.stakeholder.dependsOn,
      applies: s.applies ?? null,
      condition: condition(s.condition),
      decision: s.record?.decision?.status ?? null,
      items: s.items.map((i) => ({
        id: i.item.id,
        question: i.item.question,
        severity: i.item.severity,
        applies: i.applies ?? null,
        condition: condition(i.condition),
        status: i.response?.status ?? "open",
        dueDate: i.dueDate ?? null,
        demand: i.demand
          ? {
              expression: i.demand.expression,
              value: i.demand.value ?? null,
              unit: i.item.capacity?.unit ?? null,
              capacity: i.response?.capacity ?? null,
            }
          : null,
      })),
      ...(lifecycle ? { lifecycle: lifecycleOf(s, context) } : {}),
    })),
  };
}

function lifecycleOf(
  s: Evaluation["stakeholders"][number],
  context: ReturnType<typeof stateContext>,
): StakeholderLifecycle {
  const tasking = taskingState(s, context);
  const declared = s.stakeholder.suspense?.businessDays;
  const scopeOut = s.record?.scopeOut;
  return {
    role: s.stakeholder.role ?? "clear",
    level: requiredLevelOf(s),
    decision: decisionState(s, context).state,
    silenceIsConcurrence: s.stakeholder.silenceIsConcurrence === true,
    suspense:
      declared === undefined && !tasking
        ? null
        : {
            businessDays: declared ?? null,
            tasked: tasking?.tasked ?? null,
            date: tasking?.suspense ?? null,
            computed: tasking?.computed ?? false,
            extendedTo: tasking?.extendedTo ?? null,
            past: tasking?.past ?? false,
          },
    notice: s.record?.notice?.date ?? null,
    scopeOut:
      s.applies === false && (s.stakeholder.confirmScopeOut || scopeOut)
        ? {
            required: s.stakeholder.confirmScopeOut === true,
            confirmedBy: scopeOut?.confirmedBy ?? null,
            date: scopeOut?.date ?? null,
            basis: scopeOut?.basis ?? null,
          }
        : null,
  };
}
