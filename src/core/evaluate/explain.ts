/** The model behind `preclear explain`: what applies, in order, and why. */
import type { ConditionOutcome, Evaluation } from "./evaluate.js";
import type { FactValue } from "../types/draft.js";

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

export function explain(evaluation: Evaluation): Explanation {
  const { draft, checklist, facts, factLocations } = evaluation;
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
    })),
  };
}
