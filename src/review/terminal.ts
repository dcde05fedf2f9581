/**
 * Text for the walk's screens. Everything a checklist, a draft or a review
 * supplies goes through `printable`/`printableLines` (the one sanitiser for
 * terminal output) before it is styled; Markdown is rendered as a terminal
 * shows it, so no `**` or `[text](url)` reaches the screen.
 */
import { Chalk } from "chalk";
import type { ChalkInstance } from "chalk";
import type { Duration } from "../core/evaluate/dates.js";
import { printable, printableLines } from "../formatters/text.js";

export { printable };

/** Inline Markdown → styled terminal text: bold, emphasis, code, links, escapes. */
export function renderInline(text: string, c: ChalkInstance): string {
  const escapes: string[] = [];
  let out = printable(text).replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, (_, ch: string) => {
    escapes.push(ch);
    return `\u0000${escapes.length - 1}\u0000`;
  });
  out = out
    .replace(/`([^`]+)`/g, (_, code: string) => c.cyan(code))
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_, label: string, url: string) =>
      label && label !== url ? `${label} (${c.underline(url)})` : c.underline(url),
    )
    .replace(/<(https?:\/\/[^>\s]+)>/g, (_, url: string) => c.underline(url))
    .replace(/(\*\*|__)(?=\S)([^]*?\S)\1/g, (_, __: string, inner: string) => c.bold(inner))
    .replace(
      /(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\*)/g,
      (_, pre: string, inner: string) => pre + c.italic(inner),
    )
    .replace(
      /(^|[^\w_])_(?=\S)([^_]*?\S)_(?![\w_])/g,
      (_, pre: string, inner: string) => pre + c.italic(inner),
    )
    .replace(/~~(?=\S)([^]*?\S)~~/g, (_, inner: string) => c.strikethrough(inner));
  // eslint-disable-next-line no-control-regex
  return out.replace(/\u0000(\d+)\u0000/g, (_, n: string) => escapes[Number(n)]!);
}

const PLAIN = new Chalk({ level: 0 });

/** Inline Markdown as plain words, for a prompt's message (the prompt library styles it). */
export function plainInline(text: string): string {
  return renderInline(text, PLAIN);
}

/**
 * Block Markdown → terminal lines, each indented by `indent` spaces:
 * headings in bold, bullets as •, numbered lists kept, quotes with a bar,
 * paragraphs joined (emphasis may span lines) and wrapped to `width`.
 */
export function renderMarkdown(text: string, c: ChalkInstance, indent = 0, width = 78): string {
  const pad = " ".repeat(indent);
  const lines = printableLines(text.trim()).split("\n");
  const out: string[] = [];
  let paragraph: string[] = [];
  let fence = false;
  // A paragraph is rendered whole (emphasis may span its lines), then wrapped.
  const flush = () => {
    if (paragraph.length === 0) return;
    out.push(...wrap(renderInline(paragraph.join(" "), c), width - indent).map((l) => pad + l));
    paragraph = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, "");
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      fence = !fence;
      continue;
    }
    if (fence) {
      out.push(pad + c.cyan(line));
      continue;
    }
    if (line.trim() === "") {
      flush();
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*$/.exec(line))) {
      flush();
      out.push(pad + c.bold(renderInline(m[1]!, c)));
    } else if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      out.push(pad + c.dim("─".repeat(20)));
    } else if ((m = /^(\s*)[-*+]\s+(?:\[([ xX])\]\s+)?(.*)$/.exec(line))) {
      flush();
      const box = m[2] === undefined ? "•" : m[2] === " " ? "☐" : "☑";
      out.push(`${pad}${m[1]}${box} ${renderInline(m[3]!, c)}`);
    } else if ((m = /^(\s*)(\d+)[.)]\s+(.*)$/.exec(line))) {
      flush();
      out.push(`${pad}${m[1]}${m[2]}. ${renderInline(m[3]!, c)}`);
    } else if ((m = /^\s{0,3}>\s?(.*)$/.exec(line))) {
      flush();
      out.push(`${pad}${c.dim("│")} ${renderInline(m[1]!, c)}`);
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Words into lines of at most `width` visible characters (styling codes do not count). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  let visible = 0;
  for (const word of text.split(" ").filter(Boolean)) {
    const length = word.replace(SGR, "").length;
    if (visible > 0 && visible + 1 + length > width) {
      lines.push(line);
      line = "";
      visible = 0;
    }
    line += (visible > 0 ? " " : "") + word;
    visible += (visible > 0 ? 1 : 0) + length;
  }
  if (line) lines.push(line);
  return lines;
}

/** `30 days`, `2 weeks`, `1 month and 3 days`: an ISO 8601 duration in words. */
export function durationWords(d: Duration): string {
  const parts: string[] = [];
  const add = (n: number, unit: string) => {
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
  };
  add(d.years, "year");
  add(d.months, "month");
  add(d.weeks, "week");
  add(d.days, "day");
  if (parts.length === 0) return "0 days";
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}`;
}
