/**
 * Escaping for every context a report puts user-supplied text in: HTML text
 * and attributes, CSS strings, Markdown (via the formatters' helpers), Mermaid
 * labels, and links. Titles, names, notes and URLs come from checklists,
 * drafts and reviews that anyone may have written, so nothing is trusted.
 */
import { terminalText } from "../core/terminal.js";
import { escapeInline, escapeTableCell } from "../formatters/markdown-text.js";

export { escapeInline as markdownInline, escapeTableCell as markdownCell };

/**
 * Line endings as LF, tabs as spaces, other control characters and lone
 * surrogates gone, bidi controls shown as `<U+…>`: core/terminal.ts, the
 * project's one sanitiser.
 */
export const cleanText = terminalText;

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text content or a quoted attribute value in HTML (and SVG). */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** HTML text whose line breaks are kept as `<br>`. */
export function escapeHtmlLines(text: string): string {
  return escapeHtml(text.trim()).replace(/\n/g, "<br>");
}

/**
 * A CSS string literal's content (inside double quotes). Anything but plain
 * letters, digits and spaces becomes a hex escape, so neither a quote nor
 * `</style>` can end it.
 */
export function escapeCssString(text: string): string {
  return [...cleanText(text).replace(/\n/g, " ")]
    .map((c) => (/^[A-Za-z0-9 ]$/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `))
    .join("");
}

/**
 * Characters that would end a Markdown link destination, a table cell or an
 * attribute, or start a new Markdown construct, percent-encoded in the part
 * of a URL after the host.
 */
const URL_UNSAFE = /[^A-Za-z0-9\-._~!$&*+,;=:@/?#%]/g;

/**
 * A link target for an http(s) URL, or null for anything else (`javascript:`,
 * `data:`, relative paths, URLs carrying credentials, unparsable text). The
 * result contains no quote, bracket, parenthesis, pipe, backslash or space.
 */
export function safeHref(url: string | undefined | null): string | null {
  if (url === undefined || url === null) return null;
  const text = url.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  if (parsed.username !== "" || parsed.password !== "") return null;
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(parsed.host)) return null;
  const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`.replace(URL_UNSAFE, (c) =>
    [...Buffer.from(c, "utf8")]
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`)
      .join(""),
  );
  return `${parsed.protocol}//${parsed.host}${rest}`;
}

/**
 * A Mermaid label (inside double quotes). Characters Mermaid or the Markdown
 * around it could read as syntax become Mermaid entity codes (`#quot;`,
 * `#35;`); line breaks become spaces.
 */
export function mermaidLabel(text: string): string {
  return cleanText(text)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[^\p{L}\p{N} .,'()/:+?!§-]/gu, (c) =>
      c === '"' ? "#quot;" : `#${c.codePointAt(0)!.toString(10)};`,
    );
}

/**
 * Text for a place in Mermaid that has no escaping at all (gantt section and
 * task names): only letters, digits, spaces and harmless punctuation are kept.
 */
export function mermaidPlain(text: string): string {
  const kept = cleanText(text)
    .replace(/[^\p{L}\p{N} .,'()/+?!§-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return kept === "" ? "-" : kept;
}

/** An HTML id or class fragment from an id that is already `[a-z0-9-]`, defensively. */
export function idToken(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, "_");
}
