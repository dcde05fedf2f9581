/**
 * A small tokenizer for serialized HTML (our own output, or Chromium's
 * `--dump-dom`): the elements and attributes it holds, reading quoted
 * attribute values whole so text inside them is never taken for markup.
 */
export interface Element {
  name: string;
  attributes: Array<{ name: string; value: string }>;
}

export function elements(html: string): Element[] {
  const found: Element[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const name = /^<([A-Za-z][A-Za-z0-9:-]*)/.exec(html.slice(lt, lt + 64))?.[1];
    if (!name) {
      i = lt + 1;
      continue;
    }
    const element: Element = { name: name.toLowerCase(), attributes: [] };
    let j = lt + 1 + name.length;
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j]!)) j++;
      if (j >= html.length || html[j] === ">") break;
      const attr = /^[^\s"'>/=]+/.exec(html.slice(j))?.[0];
      if (!attr) {
        j++;
        continue;
      }
      j += attr.length;
      while (/\s/.test(html[j] ?? "")) j++;
      let value = "";
      if (html[j] === "=") {
        j++;
        while (/\s/.test(html[j] ?? "")) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end < 0 ? html.length : end);
          j = end < 0 ? html.length : end + 1;
        } else {
          const raw = /^[^\s>]*/.exec(html.slice(j))![0];
          value = raw;
          j += raw.length;
        }
      }
      element.attributes.push({ name: attr.toLowerCase(), value });
    }
    found.push(element);
    // Raw-text elements: their content is not markup.
    if (element.name === "style" || element.name === "script" || element.name === "title") {
      const close = html.toLowerCase().indexOf(`</${element.name}`, j);
      i = close < 0 ? html.length : close + 2;
    } else {
      i = j + 1;
    }
  }
  return found;
}

/** `&amp;` and friends back to characters (attribute values as the browser sees them). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The document's own `<title>` text (the first one, in `<head>`). */
export function documentTitle(html: string): string {
  return decodeEntities(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? "");
}

/** Every element the renderer itself writes; anything else was injected. */
export const OWN_ELEMENTS = new Set(
  (
    "html head meta title style body main header section article footer h1 h2 h3 p span strong br a code " +
    "table thead tbody tr th td dl dt dd div svg path circle rect g text tspan line defs marker " +
    "colgroup col h4 ul ol li"
  ).split(" "),
);
export const OWN_ATTRIBUTES = new Set(
  (
    "lang charset http-equiv content name class id href rel title scope colspan aria-label aria-labelledby " +
    "aria-hidden role width height viewbox fill stroke stroke-width stroke-linecap stroke-linejoin " +
    "stroke-dasharray d cx cy r x y x1 y1 x2 y2 rx transform color marker-end refx refy markerwidth " +
    "markerheight orient"
  ).split(" "),
);
