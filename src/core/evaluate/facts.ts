/** Fact values: checking an answer against its declared fact. */
import { MAX_CEL_STRING, MAX_LIST_FACT_ITEMS } from "./cel.js";
import { isCalendarDate } from "./dates.js";
import { formatNumber } from "../numbers.js";
import type { Fact } from "../types/checklist.js";
import type { FactValue } from "../types/draft.js";

/** Why `value` is not a valid answer to `fact`, or undefined when it is. */
export function factValueProblem(fact: Fact, value: FactValue): string | undefined {
  // Answers are short; these bounds keep a condition over them cheap to run.
  if (typeof value === "string" && value.length > MAX_CEL_STRING)
    return `is longer than ${formatNumber(MAX_CEL_STRING)} characters`;
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_FACT_ITEMS)
      return `has ${value.length} entries, more than the limit of ${MAX_LIST_FACT_ITEMS}`;
    if (value.some((v) => typeof v === "string" && v.length > MAX_CEL_STRING))
      return `has an entry longer than ${formatNumber(MAX_CEL_STRING)} characters`;
  }
  switch (fact.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value))
        return "must be a whole number";
      return boundsProblem(fact, value);
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return "must be a finite number";
      return boundsProblem(fact, value);
    case "string":
      return typeof value === "string" ? undefined : "must be text";
    case "date":
      return typeof value === "string" && isCalendarDate(value)
        ? undefined
        : "must be a calendar date (YYYY-MM-DD)";
    case "enum":
      return typeof value === "string" && (fact.options ?? ([] as string[])).includes(value)
        ? undefined
        : `must be one of ${(fact.options ?? []).join(", ")}`;
    case "list":
      return Array.isArray(value) && value.every((v) => typeof v === "string")
        ? undefined
        : "must be a list of strings";
  }
}

function boundsProblem(fact: Fact, value: number): string | undefined {
  if (fact.minimum !== undefined && value < fact.minimum) return `must be at least ${fact.minimum}`;
  if (fact.maximum !== undefined && value > fact.maximum) return `must be at most ${fact.maximum}`;
  return undefined;
}

export function formatFactValue(value: FactValue | undefined): string {
  if (value === undefined) return "(no value)";
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
