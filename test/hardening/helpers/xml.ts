/**
 * Is this text a well-formed XML 1.0 document? A strict little checker, fast
 * enough to run on every generated case (xmllint, the reference, runs on a
 * sample of them): only XML 1.0 characters; tags nest and match; attribute
 * values quoted, without `<`; `&` only in entity or character references that
 * name XML characters; one root element; no `]]>` in text.
 * Returns the first problem, or undefined.
 */
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = /^[A-Za-z_:][-A-Za-z0-9._:]*/;
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;

export function xmlProblem(xml: string): string | undefined {
  if (!XML_CHAR.test(xml)) return "a character XML 1.0 does not allow";
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0) return "unterminated XML declaration";
    i = end + 2;
  }
  while (i < xml.length) {
    const c = xml[i]!;
    if (c === "<") {
      if (xml.startsWith("<!--", i)) {
        const end = xml.indexOf("-->", i + 4);
        if (end < 0 || xml.slice(i + 4, end).includes("--")) return `bad comment at ${i}`;
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", i)) {
        if (open.length === 0) return `CDATA outside the root at ${i}`;
        const end = xml.indexOf("]]>", i);
        if (end < 0) return `unterminated CDATA at ${i}`;
        i = end + 3;
      } else if (xml[i + 1] === "/") {
        const name = NAME.exec(xml.slice(i + 2))?.[0];
        if (!name || name !== open.pop()) return `mismatched end tag at ${i}`;
        i += 2 + name.length;
        while (/\s/.test(xml[i] ?? "")) i++;
        if (xml[i] !== ">") return `bad end tag at ${i}`;
        i++;
      } else {
        const name = NAME.exec(xml.slice(i + 1))?.[0];
        if (!name) return `bad tag at ${i}`;
        if (open.length === 0 && roots++ > 0) return `a second root element at ${i}`;
        i += 1 + name.length;
        const seen = new Set<string>();
        for (;;) {
          const space = /^\s*/.exec(xml.slice(i, i + 64))![0].length;
          i += space;
          if (xml.startsWith("/>", i)) {
            i += 2;
            break;
          }
          if (xml[i] === ">") {
            open.push(name);
            i++;
            break;
          }
          if (space === 0) return `missing space before attribute at ${i}`;
          const attribute = NAME.exec(xml.slice(i))?.[0];
          if (!attribute || seen.has(attribute)) return `bad or repeated attribute at ${i}`;
          seen.add(attribute);
          i += attribute.length;
          if (xml[i] !== "=") return `attribute without value at ${i}`;
          const quote = xml[i + 1];
          if (quote !== '"' && quote !== "'") return `unquoted attribute at ${i}`;
          const end = xml.indexOf(quote, i + 2);
          if (end < 0) return `unterminated attribute at ${i}`;
          const problem = textProblem(xml.slice(i + 2, end), true);
          if (problem) return `${problem} in an attribute at ${i}`;
          i = end + 1;
        }
      }
    } else {
      const next = xml.indexOf("<", i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      if (open.length === 0 && text.trim() !== "") return `text outside the root at ${i}`;
      const problem = textProblem(text, false);
      if (problem) return `${problem} at ${i}`;
      i = next < 0 ? xml.length : next;
    }
  }
  if (open.length > 0) return `unclosed <${open[open.length - 1]}>`;
  if (roots !== 1) return "no root element";
  return undefined;
}

function textProblem(text: string, attribute: boolean): string | undefined {
  if (attribute && text.includes("<")) return "a raw <";
  if (!attribute && text.includes("]]>")) return "]]> in text";
  for (let at = text.indexOf("&"); at >= 0; at = text.indexOf("&", at + 1)) {
    const reference = REFERENCE.exec(text.slice(at, at + 12))?.[0];
    if (!reference) return "a bare &";
    const code = /^&#(x?)([0-9A-Fa-f]+);$/.exec(reference);
    if (code) {
      const point = parseInt(code[2]!, code[1] ? 16 : 10);
      if (!XML_CHAR.test(String.fromCodePoint(Math.min(point, 0x10ffff))) || point > 0x10ffff) {
        return "a reference to a character XML 1.0 does not allow";
      }
    }
  }
  return undefined;
}
