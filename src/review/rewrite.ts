/**
 * Turn an edited yaml Document back into text while keeping every byte of the
 * source that the edit did not touch.
 *
 * `Document#toString()` re-indents, re-spaces flow collections and moves
 * comments, so a hand-edited review would be reformatted on the first answer.
 * Instead we compare the document as parsed (`before`, with source ranges)
 * with the edited copy (`after`) and splice only the changed values, new keys
 * and appended sequence items into the source. The result is re-parsed and
 * must equal `after`; anything the splicer cannot handle safely (aliases,
 * complex keys, odd comment placement) falls back to `toString()`, so the
 * output is always correct even when it cannot be minimal.
 */
import { firstDuplicateKey } from "../core/load/yaml.js";
import { isDeepStrictEqual } from "node:util";
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar } from "yaml";
import type { Node as YamlNode, Pair, ToStringOptions, YAMLMap, YAMLSeq } from "yaml";

/** How new content is laid out, learnt from the source where possible. */
interface Layout {
  indent: number;
  indentSeq: boolean;
  newline: string;
  /** The file is JSON-like (a flow map with double-quoted keys at the root). */
  json: boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

/** Where a value sits, so it can be replaced wholesale when needed. */
type Slot =
  | { kind: "pair"; pair: Pair; inFlow: boolean }
  | { kind: "item"; node: YamlNode; inFlow: boolean }
  | { kind: "root" };

class Unsupported extends Error {}

export interface RewriteResult {
  text: string;
  /** False when the splicer had to fall back to re-serialising the whole document. */
  preserved: boolean;
}

/**
 * Render `after` as text. `before` must have been parsed from `source` (with
 * `keepSourceTokens` off; node ranges are enough). Pass `source: null` for a
 * file that does not exist yet.
 */
export function rewriteYaml(
  source: string | null,
  before: Document | null,
  after: Document,
): RewriteResult {
  const expected = after.toJS();
  if (source !== null && before !== null && source.trim() !== "") {
    try {
      const text = new Splicer(source, before, after).run();
      if (rendersAs(text, expected)) return { text, preserved: true };
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
    }
  }
  const layout = source && before ? detectLayout(source, before) : DEFAULT_LAYOUT;
  let text = after.toString(toStringOptions(layout));
  if (layout.newline !== "\n") text = text.replace(/\n/g, layout.newline);
  if (!rendersAs(text, expected)) {
    // Never hand back text that would read as something else.
    throw new Error("internal error: the edited review does not serialise to the same data");
  }
  return { text, preserved: source === null || source.trim() === "" };
}

const DEFAULT_LAYOUT: Layout = { indent: 2, indentSeq: true, newline: "\n", json: false };

function toStringOptions(layout: Layout): ToStringOptions {
  // lineWidth 0: never fold long strings over several lines; keeps diffs and grep simple.
  return { indent: layout.indent, indentSeq: layout.indentSeq, lineWidth: 0 };
}

function rendersAs(text: string, expected: unknown): boolean {
  const reparsed = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  return (
    reparsed.errors.length === 0 &&
    firstDuplicateKey(reparsed.contents) === undefined &&
    isDeepStrictEqual(reparsed.toJS(), expected)
  );
}

class Splicer {
  private readonly edits: Edit[] = [];
  private readonly layout: Layout;

  constructor(
    private readonly source: string,
    private readonly before: Document,
    private readonly after: Document,
  ) {
    this.layout = detectLayout(source, before);
  }

  run(): string {
    this.diff(this.before.contents, this.after.contents, { kind: "root" });
    const edits = [...this.edits].sort((a, b) => b.start - a.start || b.seq - a.seq);
    let text = this.source;
    let limit = Infinity;
    for (const edit of edits) {
      if (edit.end > limit) throw new Unsupported("overlapping edits");
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      limit = edit.start;
    }
    return text;
  }

  private push(start: number, end: number, text: string): void {
    const nl = this.layout.newline;
    this.edits.push({
      start,
      end,
      text: nl === "\n" ? text : text.replace(/\n/g, nl),
      seq: this.edits.length,
    });
  }

  private diff(a: unknown, b: unknown, slot: Slot): void {
    // An alias follows its anchor; the anchor's own edit is spliced where it stands.
    if (isAlias(a) && isAlias(b) && a.source === b.source) return;
    // Collections are compared entry by entry, and an unchanged entry yields
    // no edit (two empty ones are equal). Converting each whole subtree at
    // every level, to see first whether it changed, made a save cost the
    // review's size times its depth.
    const empty = (c: YAMLMap | YAMLSeq) => c.items.length === 0;
    if (isMap(a) && isMap(b)) return empty(a) && empty(b) ? undefined : this.diffMap(a, b, slot);
    if (isSeq(a) && isSeq(b)) return empty(a) && empty(b) ? undefined : this.diffSeq(a, b, slot);
    const aValue = toJS(a, this.before);
    const bValue = toJS(b, this.after);
    if (isDeepStrictEqual(aValue, bValue)) return;
    if (isScalar(a) && isScalar(b)) return this.replaceScalar(a, bValue, slot);
    this.replaceValue(slot, bValue);
  }

  private diffMap(a: YAMLMap, b: YAMLMap, slot: Slot): void {
    const outerFlow = slot.kind !== "root" && slot.inFlow;
    if (a.flow && a.items.length === 0 && slot.kind !== "root") {
      // `stakeholders: {}` grows into a block map rather than a long flow line.
      return this.replaceValue(slot, toJS(b, this.after));
    }
    if (!a.flow && a.items.length > 0 && b.items.length === 0) {
      return this.replaceValue(slot, {});
    }
    const inFlow = outerFlow || Boolean(a.flow);
    const added: Pair[] = [];
    const kept = new Set<unknown>();
    const inB = new Map<unknown, Pair>();
    for (const pb of b.items) {
      const key = scalarKey(pb);
      if (!inB.has(key)) inB.set(key, pb);
    }
    for (const pa of a.items) {
      const key = scalarKey(pa);
      const pb = inB.get(key);
      if (!pb) {
        this.deletePair(pa, inFlow);
        continue;
      }
      kept.add(key);
      this.diff(pa.value, pb.value, { kind: "pair", pair: pa, inFlow });
    }
    for (const pb of b.items) if (!kept.has(scalarKey(pb))) added.push(pb);
    if (added.length > 0) this.insertPairs(a, added, inFlow);
  }

  private diffSeq(a: YAMLSeq, b: YAMLSeq, slot: Slot): void {
    const outerFlow = slot.kind !== "root" && slot.inFlow;
    if (b.items.length < a.items.length) return this.replaceValue(slot, toJS(b, this.after));
    if (a.flow && a.items.length === 0 && slot.kind !== "root") {
      return this.replaceValue(slot, toJS(b, this.after));
    }
    const inFlow = outerFlow || Boolean(a.flow);
    a.items.forEach((item, i) => {
      if (!isNodeLike(item)) throw new Unsupported("sequence item without a node");
      this.diff(item, b.items[i], { kind: "item", node: item, inFlow });
    });
    const added = b.items.slice(a.items.length).map((n) => toJS(n, this.after));
    if (added.length === 0) return;
    const last = a.items.at(-1) as YamlNode | undefined;
    if (inFlow) {
      if (!last) return this.replaceValue(slot, toJS(b, this.after));
      const pos = contentEnd(last);
      const start = last.range?.[0] ?? pos;
      const sep = this.flowSeparator(a.range?.[0] ?? pos, start);
      const column = this.ownsLine(start) ? this.column(start) : undefined;
      this.push(pos, pos, added.map((v) => sep + this.renderFlowValue(v, column)).join(""));
      return;
    }
    if (!last || !a.range) throw new Unsupported("empty block sequence");
    const pos = this.lineAfter(contentEnd(last));
    const column = this.column(a.range[0]);
    this.push(pos, pos, this.prefixNewline(pos) + indentBlock(this.renderBlock(added), column));
  }

  private replaceScalar(a: Scalar, value: unknown, slot: Slot): void {
    const range = a.range;
    const blockScalar = a.type === Scalar.BLOCK_LITERAL || a.type === Scalar.BLOCK_FOLDED;
    if (!range || range[0] === range[1] || blockScalar || a.anchor || a.tag) {
      return this.replaceValue(slot, value);
    }
    const inFlow = slot.kind !== "root" && slot.inFlow;
    const text = this.renderScalar(value, a.type, inFlow);
    if (text.includes("\n")) return this.replaceValue(slot, value);
    this.push(range[0], range[1], text);
  }

  /** Replace a whole value (scalar or collection) in its slot. */
  private replaceValue(slot: Slot, value: unknown): void {
    if (slot.kind === "root") throw new Unsupported("root replacement");
    if (slot.kind === "item") {
      const node = slot.node;
      if (!node.range) throw new Unsupported("item without range");
      const start = node.range[0];
      const end = contentEnd(node);
      if (slot.inFlow) {
        const column = this.ownsLine(start) ? this.column(start) : undefined;
        return this.push(start, end, this.renderFlowValue(value, column));
      }
      const column = this.column(start);
      let text = indentBlock(this.renderBlock(value), column).slice(column).replace(/\n$/, "");
      text = this.keepTrailingNewline(end, text);
      return this.push(start, end, text);
    }
    const { pair } = slot;
    const colon = this.colonAfterKey(pair);
    const value0 = isNodeLike(pair.value) ? pair.value : null;
    if (slot.inFlow) {
      const start = value0?.range && value0.range[0] !== value0.range[1] ? value0.range[0] : colon;
      const end = value0?.range ? Math.max(contentEnd(value0), start) : colon;
      const key = keyStart(pair);
      const text = this.renderFlowValue(value, this.ownsLine(key) ? this.column(key) : undefined);
      return this.push(start, end, start === colon ? ` ${text}` : text);
    }
    const end = value0?.range ? Math.max(contentEnd(value0), colon) : colon;
    const keyColumn = this.column(keyStart(pair));
    const rendered = this.renderBlock({ k: value });
    // Drop the placeholder key `k:`; nested lines are re-indented under the real key.
    let text = indentBlock(rendered, keyColumn)
      .slice(keyColumn + 2)
      .replace(/\n$/, "");
    text = this.keepTrailingNewline(end, text);
    this.push(colon, end, text);
  }

  private insertPairs(a: YAMLMap, pairs: Pair[], inFlow: boolean): void {
    const entries = pairs.map((p) => [scalarKey(p), toJS(p.value, this.after)] as const);
    const last = a.items.at(-1);
    if (inFlow) {
      // An empty flow map with a slot was replaced whole in diffMap; only an empty root gets here.
      if (!last || !a.range) throw new Unsupported("empty flow map at the root");
      const pos = isNodeLike(last.value)
        ? contentEnd(last.value)
        : contentEnd(last.key as YamlNode);
      const lastKey = keyStart(last);
      const sep = this.flowSeparator(a.range[0], lastKey);
      const column = this.ownsLine(lastKey) ? this.column(lastKey) : undefined;
      this.push(
        pos,
        pos,
        entries.map(([k, v]) => sep + this.renderFlowPair(k, v, column)).join(""),
      );
      return;
    }
    if (!last) throw new Unsupported("empty block map");
    const pos = this.lineAfter(contentEnd(a));
    const column = this.column(keyStart(a.items[0]!));
    const block = Object.fromEntries(entries.map(([k, v]) => [String(k), v]));
    this.push(pos, pos, this.prefixNewline(pos) + indentBlock(this.renderBlock(block), column));
  }

  private deletePair(pair: Pair, inFlow: boolean): void {
    const start = keyStart(pair);
    const end =
      isNodeLike(pair.value) && pair.value.range
        ? contentEnd(pair.value)
        : this.colonAfterKey(pair);
    if (inFlow) {
      const after = skipSpace(this.source, end);
      if (this.source[after] === ",")
        return this.push(start, skipSpace(this.source, after + 1), "");
      let before = start;
      while (before > 0 && /\s/.test(this.source[before - 1]!)) before--;
      if (this.source[before - 1] === ",") return this.push(before - 1, end, "");
      return this.push(start, end, "");
    }
    const lineStart = this.lineStart(start);
    if (this.source.slice(lineStart, start).trim() !== "") {
      throw new Unsupported("key shares its line"); // e.g. `- key: value`
    }
    this.push(lineStart, this.lineAfter(end), "");
  }

  // ── positions ──────────────────────────────────────────────────────────

  private lineStart(offset: number): number {
    return this.source.lastIndexOf("\n", offset - 1) + 1;
  }

  private column(offset: number): number {
    return columnOf(this.source, offset);
  }

  /** The start of the line after the one `offset` is on (or `offset` itself at a line start). */
  private lineAfter(offset: number): number {
    if (offset > 0 && this.source[offset - 1] === "\n") return offset;
    const nl = this.source.indexOf("\n", offset);
    return nl === -1 ? this.source.length : nl + 1;
  }

  /** Text inserted at end of a file without a final newline starts a new line. */
  private prefixNewline(pos: number): string {
    return pos === this.source.length && pos > 0 && !this.source.endsWith("\n") ? "\n" : "";
  }

  private keepTrailingNewline(end: number, text: string): string {
    return end > 0 && this.source[end - 1] === "\n" && !text.endsWith("\n") ? `${text}\n` : text;
  }

  private colonAfterKey(pair: Pair): number {
    const key = pair.key as YamlNode | null;
    if (!key?.range) throw new Unsupported("key without range");
    const colon = skipSpace(this.source, key.range[1]);
    if (this.source[colon] !== ":") throw new Unsupported("no colon after key");
    return colon + 1;
  }

  private flowSeparator(collectionStart: number, lastEntryStart: number): string {
    const multiline = this.source.slice(collectionStart, lastEntryStart).includes("\n");
    return multiline ? `,\n${" ".repeat(this.column(lastEntryStart))}` : ", ";
  }

  // ── rendering new content ──────────────────────────────────────────────

  private renderBlock(value: unknown): string {
    const text = new Document(value).toString(toStringOptions(this.layout));
    return text.endsWith("\n") ? text : `${text}\n`;
  }

  private renderScalar(
    value: unknown,
    preferred: Scalar.Type | undefined,
    inFlow: boolean,
  ): string {
    if (this.layout.json) return JSON.stringify(value) ?? "null";
    const scalar = new Scalar(value);
    const quotable: unknown[] = [Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE];
    if (typeof value === "string" && quotable.includes(preferred)) scalar.type = preferred;
    if (!inFlow)
      return new Document(scalar).toString(toStringOptions(this.layout)).replace(/\n$/, "");
    const seq = new Document([scalar]);
    (seq.contents as YAMLSeq).flow = true;
    return stripBrackets(seq.toString(toStringOptions(this.layout)));
  }

  /**
   * A value inside a flow collection. In a JSON file, when the entry starts
   * its own line (at `column`), nested objects are pretty-printed like the rest.
   */
  private renderFlowValue(value: unknown, column?: number): string {
    if (this.layout.json) return this.renderJson(value, column);
    const doc = new Document([value]);
    (doc.contents as YAMLSeq).flow = true;
    return stripBrackets(doc.toString(toStringOptions(this.layout)));
  }

  private renderJson(value: unknown, column: number | undefined): string {
    if (column === undefined) return JSON.stringify(value) ?? "null";
    const text = JSON.stringify(value, null, this.layout.indent) ?? "null";
    return text.replace(/\n/g, `\n${" ".repeat(column)}`);
  }

  /** Only whitespace precedes `offset` on its line. */
  private ownsLine(offset: number): boolean {
    return (
      this.source
        .slice(this.lineStart(offset), offset)
        .replace(/^\ufeff/, "")
        .trim() === ""
    );
  }

  private renderFlowPair(key: unknown, value: unknown, column?: number): string {
    if (this.layout.json)
      return `${JSON.stringify(String(key))}: ${this.renderJson(value, column)}`;
    const doc = new Document({ [String(key)]: value });
    (doc.contents as YAMLMap).flow = true;
    return stripBrackets(doc.toString(toStringOptions(this.layout)));
  }
}

// ── helpers ──────────────────────────────────────────────────────────────

function isNodeLike(value: unknown): value is YamlNode {
  return (
    isScalar(value) ||
    isMap(value) ||
    isSeq(value) ||
    (value !== null && typeof value === "object" && "range" in value)
  );
}

function toJS(node: unknown, doc: Document): unknown {
  if (isScalar(node) || isMap(node) || isSeq(node)) return node.toJS(doc);
  if (node !== null && typeof node === "object" && "toJS" in node) {
    return (node as { toJS(d: Document): unknown }).toJS(doc); // aliases
  }
  return node ?? null;
}

function scalarKey(pair: unknown): unknown {
  if (!isPair(pair)) throw new Unsupported("not a pair");
  const key = pair.key;
  if (isScalar(key)) return key.value;
  if (key === null || typeof key !== "object") return key;
  throw new Unsupported("complex key");
}

function keyStart(pair: Pair): number {
  const key = pair.key as YamlNode | null;
  if (!key?.range) throw new Unsupported("key without range");
  return key.range[0];
}

/** Offset just past the last character of content of a node (not its trailing comment). */
function contentEnd(node: YamlNode): number {
  if (!node.range) throw new Unsupported("node without range");
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const last = node.items.at(-1) as unknown;
    if (last === undefined) return node.range[1];
    if (isPair(last)) {
      const value = last.value as YamlNode | null;
      if (value?.range && value.range[1] > value.range[0]) return contentEnd(value);
      const key = last.key as YamlNode | null;
      if (!key?.range) throw new Unsupported("key without range");
      // `key:` with an empty value: the value's zero-width range sits after the colon.
      return value?.range ? Math.max(value.range[0], key.range[1]) : key.range[1];
    }
    return contentEnd(last as YamlNode);
  }
  return node.range[1];
}

/** Column of an offset; a byte-order mark at the start of the file takes no column. */
function columnOf(source: string, offset: number): number {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  const bom = lineStart === 0 && source.charCodeAt(0) === 0xfeff ? 1 : 0;
  return offset - lineStart - bom;
}

function skipSpace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  return i;
}

function indentBlock(text: string, column: number): string {
  if (column === 0) return text;
  const pad = " ".repeat(column);
  return text
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join("\n");
}

function stripBrackets(text: string): string {
  const trimmed = text.trim();
  return trimmed.slice(1, -1).trim();
}

function detectLayout(source: string, doc: Document): Layout {
  const layout: Layout = {
    indent: 2,
    indentSeq: true,
    newline: source.includes("\r\n") ? "\r\n" : "\n",
    json: false,
  };
  const root = doc.contents;
  if (isMap(root) && root.flow) {
    const first = root.items[0]?.key;
    layout.json = isScalar(first) && first.type === Scalar.QUOTE_DOUBLE;
    const firstColumn = isScalar(first) && first.range ? columnOf(source, first.range[0]) : 0;
    if (layout.json && firstColumn > 0 && firstColumn <= 8) layout.indent = firstColumn;
  }
  let foundIndent = false;
  let foundSeq = false;
  const column = (offset: number) => columnOf(source, offset);
  const visitMap = (map: YAMLMap, depth: number): void => {
    if (depth > 64 || map.flow) return;
    for (const pair of map.items) {
      const key = pair.key as YamlNode | null;
      const value = pair.value as YamlNode | null;
      if (!key?.range || !value?.range) continue;
      if (!foundIndent && isMap(value) && !value.flow) {
        const child = value.items[0]?.key as YamlNode | undefined;
        if (child?.range) {
          const delta = column(child.range[0]) - column(key.range[0]);
          if (delta > 0 && delta <= 8) {
            layout.indent = delta;
            foundIndent = true;
          }
        }
      }
      if (!foundSeq && isSeq(value) && !value.flow && value.items.length > 0) {
        layout.indentSeq = column(value.range[0]) > column(key.range[0]);
        foundSeq = true;
      }
      if (isMap(value)) visitMap(value, depth + 1);
      if (foundIndent && foundSeq) return;
    }
  };
  if (isMap(root)) visitMap(root, 0);
  return layout;
}
