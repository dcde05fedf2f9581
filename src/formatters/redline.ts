/**
 * A redline (src/core/versions/redline.ts) as text (coloured on a terminal,
 * `[-removed-]{+added+}` without colour), Markdown, HTML and JSON. Only the
 * sections that changed are shown, each under its heading.
 */
import type { ChalkInstance } from "chalk";
import type { Comparison } from "../core/versions/compare.js";
import { describeSection } from "../core/versions/redline.js";
import type { Redline, RedlineChange, WordPart } from "../core/versions/redline.js";
import { cleanText, escapeHtml } from "../report/escape.js";
import { escapeInline } from "./markdown-text.js";

export type RedlineFormat = "text" | "markdown" | "html" | "json";

/** Changes grouped by section, in text order, unchanged paragraphs left out. */
function bySection(r: Redline): Array<{ section: string; changes: RedlineChange[] }> {
  const groups: Array<{ section: string; changes: RedlineChange[] }> = [];
  for (const c of r.changes) {
    if (c.kind === "same") continue;
    const last = groups.at(-1);
    if (last && last.section === c.section) last.changes.push(c);
    else groups.push({ section: c.section, changes: [c] });
  }
  return groups;
}

const short = (digest: string) => `${digest.slice(0, 19)}…`;

// ── text ────────────────────────────────────────────────────────────────

export function redlineText(comparison: Comparison, chalk: ChalkInstance): string {
  const { redline: r } = comparison;
  const coloured = chalk.level > 0;
  const del = (s: string) => (coloured ? chalk.red.strikethrough(s) : `[-${s}-]`);
  const ins = (s: string) => (coloured ? chalk.green.underline(s) : `{+${s}+}`);
  const out: string[] = [
    chalk.bold(`${cleanText(comparison.draftId)}: ${cleanText(comparison.from.label)} → now`),
    chalk.dim(`from ${comparison.from.digest}`),
    chalk.dim(`to   ${comparison.to.digest}`),
    "",
  ];
  if (r.identical) {
    out.push("No paragraph changed.");
    return `${out.join("\n")}\n`;
  }
  const summary = new Map(r.sections.map((s) => [s.section, s]));
  for (const group of bySection(r)) {
    out.push(chalk.bold(cleanText(describeSection(summary.get(group.section)!))));
    for (const c of group.changes) {
      const words = (parts: WordPart[]) =>
        parts
          .map((p) =>
            p.kind === "same"
              ? cleanText(p.text)
              : p.kind === "added"
                ? ins(cleanText(p.text))
                : del(cleanText(p.text)),
          )
          .join("");
      const body =
        c.kind === "changed"
          ? `~ ${words(c.words!)}`
          : c.kind === "added"
            ? (coloured ? chalk.green : (s: string) => s)(`+ ${cleanText(c.new!)}`)
            : (coloured ? chalk.red : (s: string) => s)(`- ${cleanText(c.old!)}`);
      out.push(indent(body));
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

// ── Markdown ────────────────────────────────────────────────────────────

/** The redline's sections as Markdown (headings at `level`), for `diff` and reports. */
export function redlineMarkdownBody(r: Redline, level = 3): string {
  if (r.identical) return "No paragraph changed.\n";
  const summary = new Map(r.sections.map((s) => [s.section, s]));
  const out: string[] = [];
  const mdWords = (parts: WordPart[]) =>
    parts
      .map((p) =>
        p.kind === "same"
          ? escapeInline(p.text)
          : p.kind === "added"
            ? `<ins>${escapeInline(p.text)}</ins>`
            : `<del>${escapeInline(p.text)}</del>`,
      )
      .join("");
  for (const group of bySection(r)) {
    out.push(`${"#".repeat(level)} ${escapeInline(describeSection(summary.get(group.section)!))}`);
    out.push("");
    for (const c of group.changes) {
      if (c.kind === "changed") out.push(`- changed: ${mdWords(c.words!)}`);
      else if (c.kind === "added") out.push(`- added: <ins>${escapeInline(c.new!)}</ins>`);
      else out.push(`- removed: <del>${escapeInline(c.old!)}</del>`);
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

export function redlineMarkdown(comparison: Comparison): string {
  return [
    `## Redline of ${escapeInline(comparison.draftId)}: ${escapeInline(comparison.from.label)} → now`,
    "",
    `From \`${comparison.from.digest}\` to \`${comparison.to.digest}\`.`,
    "",
    redlineMarkdownBody(comparison.redline),
  ].join("\n");
}

// ── HTML ────────────────────────────────────────────────────────────────

/** The redline's sections as an HTML fragment (no scripts, no external requests). */
export function redlineHtmlBody(r: Redline, level = 3): string {
  if (r.identical) return `<p class="redline-none">No paragraph changed.</p>\n`;
  const summary = new Map(r.sections.map((s) => [s.section, s]));
  const words = (parts: WordPart[]) =>
    parts
      .map((p) =>
        p.kind === "same"
          ? escapeHtml(p.text)
          : p.kind === "added"
            ? `<ins>${escapeHtml(p.text)}</ins>`
            : `<del>${escapeHtml(p.text)}</del>`,
      )
      .join("");
  const out: string[] = [`<div class="redline">`];
  for (const group of bySection(r)) {
    out.push(`<h${level}>${escapeHtml(describeSection(summary.get(group.section)!))}</h${level}>`);
    for (const c of group.changes) {
      if (c.kind === "changed") out.push(`<p class="changed">${words(c.words!)}</p>`);
      else if (c.kind === "added")
        out.push(`<p class="added"><ins>${escapeHtml(c.new!)}</ins></p>`);
      else out.push(`<p class="removed"><del>${escapeHtml(c.old!)}</del></p>`);
    }
  }
  out.push(`</div>`);
  return `${out.join("\n")}\n`;
}

export const REDLINE_CSS =
  ".redline ins{background:#e6ffec;color:#055d20;text-decoration:underline}" +
  ".redline del{background:#ffebe9;color:#82071e;text-decoration:line-through}" +
  ".redline p{white-space:pre-wrap;margin:.4em 0 .4em 1em}";

export function redlineHtml(comparison: Comparison): string {
  const title = `Redline of ${comparison.draftId}: ${comparison.from.label} → now`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto;line-height:1.5}code{font-size:.85em}${REDLINE_CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>From <code>${escapeHtml(comparison.from.digest)}</code> to <code>${escapeHtml(comparison.to.digest)}</code>.</p>
${redlineHtmlBody(comparison.redline, 2)}</body>
</html>
`;
}

// ── JSON ────────────────────────────────────────────────────────────────

export function redlineJson(comparison: Comparison): string {
  const { redline: r } = comparison;
  return `${JSON.stringify(
    {
      draft: comparison.draftId,
      from: comparison.from,
      to: comparison.to,
      identical: r.identical,
      sections: r.sections.map((s) => ({ ...s, summary: describeSection(s) })),
      changes: r.changes.filter((c) => c.kind !== "same"),
    },
    null,
    2,
  )}\n`;
}

export function renderComparison(
  comparison: Comparison,
  format: RedlineFormat,
  chalk: ChalkInstance,
): string {
  switch (format) {
    case "text":
      return redlineText(comparison, chalk);
    case "markdown":
      return redlineMarkdown(comparison);
    case "html":
      return redlineHtml(comparison);
    case "json":
      return redlineJson(comparison);
  }
}

export { short as shortDigest };
