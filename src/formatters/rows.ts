/**
 * One row per thing to act on: an open item and its `overdue` finding are
 * two findings (two rule ids, both in JSON and SARIF) but one line for a
 * reader — "blocker open, 12 days overdue". Presentation only.
 */
import type { Finding } from "../core/rules/findings.js";
import { cmp } from "./order.js";

export interface Row {
  /** The finding the row stands for (the item-open one when merged). */
  finding: Finding;
  /** Findings folded into this row (the overdue one). */
  folded: Finding[];
  /** The row's sentence. */
  text: string;
}

const OPEN = /^(\S+) item (\S+) is (\S+): ([\s\S]*)$/;
const DUE = /was due (\d{4}-\d{2}-\d{2})/;

/** Rows in the order of `findings`; an `overdue` finding joins its item's `item-open` row. */
export function itemRows(findings: readonly Finding[], asOf: string): Row[] {
  const key = (f: Finding) =>
    f.item === undefined ? undefined : [f.draft, f.stakeholder ?? "", f.item].join("\u0000");
  const open = new Set(findings.filter((f) => f.ruleId === "item-open").map(key));
  const overdue = new Map<string, Finding>();
  for (const f of findings) {
    const k = key(f);
    if (f.ruleId === "overdue" && k !== undefined && open.has(k)) overdue.set(k, f);
  }
  const rows: Row[] = [];
  for (const f of findings) {
    const k = key(f);
    if (f.ruleId === "overdue" && k !== undefined && open.has(k)) continue;
    const late = f.ruleId === "item-open" && k !== undefined ? overdue.get(k) : undefined;
    rows.push(
      late
        ? { finding: f, folded: [late], text: mergedText(f, late, asOf) }
        : { finding: f, folded: [], text: f.message },
    );
  }
  return rows;
}

/** "blocker open, 12 days overdue (due 2018-03-07): question", or the two messages joined. */
function mergedText(open: Finding, late: Finding, asOf: string): string {
  const due = DUE.exec(late.message)?.[1];
  const days = due === undefined ? undefined : daysBetween(due, asOf);
  const lateness =
    days === undefined || days <= 0
      ? "overdue"
      : `${days} ${days === 1 ? "day" : "days"} overdue (due ${due})`;
  const parts = OPEN.exec(open.message);
  if (!parts) return `${open.message} (${lateness})`;
  const [, severity, label, status, question] = parts;
  return `${label}: ${severity} ${status}, ${lateness} — ${question}`;
}

function daysBetween(from: string, to: string): number | undefined {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return Math.round((b - a) / 86_400_000);
}

/** Offices by id; the draft-wide group ("") first among equals. */
export function compareOffices(a: string, b: string): number {
  return cmp(a, b);
}
