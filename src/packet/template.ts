/**
 * An auto-escaping HTML template tag: every interpolated value is escaped
 * unless it is already `SafeHtml` (made by this tag or by `raw`), arrays are
 * joined, and null/undefined/false render as nothing. So text from drafts,
 * checklists and responses can only ever be text.
 */
import { escapeHtml } from "../report/escape.js";

export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function markup(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Markup this module's callers built themselves (never user text). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
