/**
 * Reading Markdown the way GitHub does, for the parts a report relies on:
 * table rows (cells split on unescaped pipes) and fenced Mermaid blocks.
 */

/** Cells of a table row, honouring `\|` (GitHub splits on every other pipe). */
export function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/);
}

/** Every table outside code fences: its header, delimiter and body rows. */
export function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (!fenced && line.startsWith("|")) current.push(line);
    else if (current.length) {
      found.push(current);
      current = [];
    }
  }
  if (current.length) found.push(current);
  return found;
}

/** Lines that open or close a code fence. */
export function fenceLines(markdown: string): string[] {
  return markdown.split("\n").filter((line) => /^\s*(```|~~~)/.test(line));
}

/** The body of each ```mermaid block, as lines. */
export function mermaidBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```mermaid") continue;
    const end = lines.indexOf("```", i + 1);
    if (end < 0) throw new Error(`unclosed mermaid block at line ${i + 1}`);
    blocks.push(lines.slice(i + 1, end));
    i = end;
  }
  return blocks;
}

/** Link and image destinations (`[text](dest)`, `![alt](dest)`, `<a href>`) that Markdown would render. */
export function linkTargets(markdown: string): string[] {
  const targets = [...markdown.matchAll(/(?<!\\)\]\(([^)\s]*)\)/g)].map((m) => m[1]!);
  const anchors = [...markdown.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map((m) => m[1]!);
  return [...targets, ...anchors];
}
