/**
 * The start tags of serialized HTML, with their attribute names: a linear
 * scan (one global regex), fast enough for every generated case. Like
 * test/report/helpers/dom.ts, it reads quoted attribute values whole and
 * skips comments and raw-text elements (style, title, script), so text is
 * never taken for markup. `stray` lists the offsets of every `<` + letter
 * that does not start a well-formed tag: a browser might still make an
 * element of it, so a renderer must never leave one.
 */
export interface Tag {
  name: string;
  attributes: string[];
}

const TAG =
  /<!--[\s\S]*?(?:-->|$)|<([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?)*)\s*\/?>|<(?=[A-Za-z])/g;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?/g;
const RAW_TEXT = new Set(["style", "title", "script", "textarea"]);

export function startTags(html: string): { tags: Tag[]; stray: number[] } {
  const tags: Tag[] = [];
  const stray: number[] = [];
  const lower = html.toLowerCase();
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    if (match[0] === "<") {
      stray.push(match.index);
      continue;
    }
    if (match[1] === undefined) continue; // a comment
    const name = match[1].toLowerCase();
    const attributes = [...(match[2] ?? "").matchAll(ATTRIBUTE)].map((a) => a[1]!.toLowerCase());
    tags.push({ name, attributes });
    if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, TAG.lastIndex);
      TAG.lastIndex = close < 0 ? html.length : close;
    }
  }
  return { tags, stray };
}
