/**
 * A small auto-escaping HTML template: `markup\`<p>${text}</p>\`` escapes every
 * interpolated value unless it is itself the result of `markup` (or of `raw`,
 * for markup written in this code base, never for input). Arrays are
 * rendered item by item and concatenated; null, undefined and false render
 * nothing. So a report cannot forget to escape a value: forgetting `raw`
 * only ever escapes too much.
 */
import { escapeHtml } from "./escape.js";

/** Markup that is already safe to insert. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue =
  SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * Tagged template (named `markup`, not `html`, so that formatters leave the
 * literal parts byte for byte as written): literal parts as written, interpolations escaped (see above). */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Markup written in this code base (an icon's path, a constant). Never for input. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** The values rendered and joined by `separator` (escaped unless it is SafeHtml). */
export function join(values: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  return new SafeHtml(values.map(render).join(render(separator)));
}

/** Text whose line breaks are kept, as `<br>`. */
export function lines(text: string): SafeHtml {
  return join(text.trim().split(/\r\n?|\n/), markup`<br>`);
}
