/**
 * The policy text as HTML, safely: a small subset of Markdown (headings,
 * paragraphs, lists, block quotes, rules, emphasis, code, links) where every
 * character of the text is escaped first, so no HTML in a draft survives as
 * markup; links keep an href only for http(s) URLs.
 */
import { escapeHtml, safeHref } from "../report/escape.js";

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const RULE = /^(?:-[ \t]*){3,}$|^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$/;
const BULLET = /^([ \t]*)([-*+])[ \t]+(.*)$/;
const NUMBERED = /^([ \t]*)(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^[ \t]{0,3}>[ \t]?(.*)$/;

/** Markdown text to HTML; `headingShift` pushes headings down (h1 → h2 with 1). */
export function markdownToHtml(text: string, headingShift = 1): string {
  return blocks(text.replace(/\r\n?/g, "\n").split("\n"), headingShift).join("\n");
}

function blocks(lines: string[], shift: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i += 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1]!.length + shift);
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
      i += 1;
      continue;
    }
    if (RULE.test(line.trim())) {
      out.push("<hr>");
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) quoted.push(QUOTE.exec(lines[i++]!)![1]!);
      out.push(`<blockquote>${blocks(quoted, shift).join("\n")}</blockquote>`);
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      const pattern = bullet ? BULLET : NUMBERED;
      const items: string[][] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const m = pattern.exec(current);
        if (m) {
          items.push([m[3]!]);
        } else if (current.trim() !== "" && /^[ \t]+/.test(current) && items.length > 0) {
          items.at(-1)!.push(current.trim());
        } else {
          break;
        }
        i += 1;
      }
      const tag = bullet ? "ul" : "ol";
      const start = numbered && numbered[2] !== "1" ? ` start="${Number(numbered[2])}"` : "";
      out.push(
        `<${tag}${start}>${items.map((item) => `<li>${inline(item.join(" "))}</li>`).join("")}</${tag}>`,
      );
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== "" &&
      !HEADING.test(lines[i]!) &&
      !QUOTE.test(lines[i]!) &&
      !BULLET.test(lines[i]!) &&
      !NUMBERED.test(lines[i]!) &&
      !RULE.test(lines[i]!.trim())
    ) {
      paragraph.push(lines[i++]!);
    }
    // A line ending in two spaces or a backslash is a line break.
    out.push(
      `<p>${paragraph
        .map(
          (l, n) =>
            inline(l.replace(/(?: {2,}|\\)$/, "")) +
            (n < paragraph.length - 1 && /(?: {2,}|\\)$/.test(l) ? "<br>" : ""),
        )
        .join("\n")}</p>`,
    );
  }
  return out;
}

/**
 * Inline Markdown: code spans and links are cut out first (as private-use
 * placeholders, which the text itself may not contain), the rest is escaped,
 * then emphasis markers become tags.
 */
function inline(text: string): string {
  const saved: string[] = [];
  const hold = (markup: string) => `\uE000${saved.push(markup) - 1}\uE001`;
  let s = text.replace(/[\uE000\uE001]/g, "");
  s = s.replace(/`([^`]+)`/g, (_m, code: string) => hold(`<code>${escapeHtml(code)}</code>`));
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => {
    const href = safeHref(url);
    const inner = emphasis(escapeHtml(label));
    return hold(
      href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${inner}</a>` : inner,
    );
  });
  return emphasis(escapeHtml(s)).replace(
    /\uE000(\d+)\uE001/g,
    (_m, n: string) => saved[Number(n)]!,
  );
}

function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "<strong>$1</strong>")
    .replace(/__(?=\S)(.+?)(?<=\S)__/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, "$1<em>$2</em>")
    .replace(/(^|[^_\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, "$1<em>$2</em>");
}
