/**
 * One review file — a whole review, or one fragment of a review directory —
 * parsed into a yaml Document that can be edited in place, and checked just
 * enough that an edit lands where it should. (Full schema validation is the
 * loader's job in src/core; this only refuses shapes we cannot write into.)
 */
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  YAMLMap,
  YAMLSeq,
} from "yaml";
import { firstDuplicateKey } from "../core/load/yaml.js";
import type { Node as YamlNode } from "yaml";
import { ReviewFileError } from "./errors.js";

export const API_VERSION = "preclear/v1";
export const KIND = "Review";

export interface Fragment {
  /** Path of the file (joined onto the review directory for fragments). */
  file: string;
  /** The text as read; null for a fragment that does not exist yet. */
  source: string | null;
  doc: Document;
  lineCounter: LineCounter;
}

/** Parse and check one review file. Throws ReviewFileError with a position. */
export function parseFragment(file: string, source: string, draftId: string): Fragment {
  const lineCounter = new LineCounter();
  // Duplicate keys: found in linear time below, not by the parser (N² per mapping).
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const fragment: Fragment = { file, source, doc, lineCounter };
  const problem = doc.errors[0];
  if (problem) {
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    throw new ReviewFileError(file, line, col, problem.message);
  }
  const duplicate = firstDuplicateKey(doc.contents);
  if (duplicate) {
    throw errorAt(fragment, duplicate, "Map keys must be unique");
  }
  const root = doc.contents;
  if (!isMap(root)) {
    throw errorAt(fragment, root, `not a review: expected a mapping with \`kind: ${KIND}\``);
  }
  expectScalar(fragment, root, "kind", KIND);
  expectScalar(fragment, root, "apiVersion", API_VERSION);
  const draft = root.get("draft", true);
  if (!isScalar(draft) || typeof draft.value !== "string" || draft.value === "") {
    throw errorAt(fragment, draft ?? root, "`draft:` must name the draft this review records");
  }
  if (draft.value !== draftId) {
    throw errorAt(fragment, draft, `review is for draft \`${draft.value}\`, not \`${draftId}\``);
  }
  checkShape(fragment, root);
  return fragment;
}

/** A fragment to be created on first write. */
export function newFragment(file: string, draftId: string): Fragment {
  const doc = new Document({ apiVersion: API_VERSION, kind: KIND, draft: draftId });
  return { file, source: null, doc, lineCounter: new LineCounter() };
}

/** A ReviewFileError at the start of `node` (or the top of the file). */
export function errorAt(fragment: Fragment, node: unknown, message: string): ReviewFileError {
  const offset = rangeStart(node);
  const { line, col } =
    offset === undefined || fragment.source === null
      ? { line: 1, col: 1 }
      : fragment.lineCounter.linePos(offset);
  return new ReviewFileError(fragment.file, line, col, message);
}

/** Where a node starts, as `file:line` for messages that point at a second file. */
export function describePosition(fragment: Fragment, node: unknown): string {
  const offset = rangeStart(node);
  if (offset === undefined || fragment.source === null) return fragment.file;
  return `${fragment.file}:${fragment.lineCounter.linePos(offset).line}`;
}

/** The key node of `path` in a fragment (for pointing at a stakeholder or fact). */
export function keyNode(doc: Document, path: string[]): unknown {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  return parent.items.find((pair) => keyValue(pair.key) === path.at(-1))?.key;
}

/**
 * The mapping at `path`, created (block style) where missing or null. An
 * empty flow map such as `items: {}` becomes block style as it gains keys.
 */
export function ensureMap(fragment: Fragment, path: string[]): YAMLMap {
  const root = fragment.doc.contents;
  if (!isMap(root)) throw errorAt(fragment, root, "not a review: expected a mapping");
  let node: YAMLMap = root;
  let inFlow = Boolean(root.flow);
  for (const key of path) {
    let child = node.get(key, true) as unknown;
    if (child === undefined || isNull(child)) {
      const created = new YAMLMap(fragment.doc.schema);
      node.set(key, created);
      child = created;
    } else if (!isMap(child)) {
      throw errorAt(
        fragment,
        child,
        `expected a mapping at \`${path.join(".")}\`, found ${describe(child)}`,
      );
    } else if (child.flow && child.items.length === 0 && !inFlow) {
      child.flow = false;
    }
    node = child as YAMLMap;
    inFlow ||= Boolean(node.flow);
  }
  return node;
}

/** The sequence at `path` (created, block style, where missing or null). */
export function ensureSeq(fragment: Fragment, path: string[]): YAMLSeq {
  const parent = ensureMap(fragment, path.slice(0, -1));
  const key = path.at(-1)!;
  const existing = parent.get(key, true) as unknown;
  if (existing === undefined || isNull(existing)) {
    const created = new YAMLSeq(fragment.doc.schema);
    parent.set(key, created);
    return created;
  }
  if (!isSeq(existing)) {
    throw errorAt(
      fragment,
      existing,
      `expected a list at \`${path.join(".")}\`, found ${describe(existing)}`,
    );
  }
  if (existing.flow && existing.items.length === 0 && !parent.flow) existing.flow = false;
  return existing;
}

function checkShape(fragment: Fragment, root: YAMLMap): void {
  mapOrNull(fragment, root.get("facts", true), "facts");
  const history = root.get("history", true);
  if (history !== undefined && !isNull(history) && !isSeq(history)) {
    throw errorAt(fragment, history, `\`history\` must be a list, found ${describe(history)}`);
  }
  const stakeholders = mapOrNull(fragment, root.get("stakeholders", true), "stakeholders");
  for (const pair of stakeholders?.items ?? []) {
    const id = keyValue(pair.key);
    if (typeof id !== "string")
      throw errorAt(fragment, pair.key, "a stakeholder id must be a string");
    const record = mapOrNull(fragment, pair.value, `stakeholders.${id}`);
    if (!record) continue;
    const items = mapOrNull(fragment, record.get("items", true), `stakeholders.${id}.items`);
    for (const item of items?.items ?? []) {
      const itemId = keyValue(item.key);
      if (typeof itemId !== "string")
        throw errorAt(fragment, item.key, "an item id must be a string");
      mapOrNull(fragment, item.value, `stakeholders.${id}.items.${itemId}`);
    }
    mapOrNull(fragment, record.get("decision", true), `stakeholders.${id}.decision`);
    const signoffs = record.get("signoffs", true);
    if (signoffs !== undefined && !isNull(signoffs) && !isSeq(signoffs)) {
      throw errorAt(
        fragment,
        signoffs,
        `\`stakeholders.${id}.signoffs\` must be a list, found ${describe(signoffs)}`,
      );
    }
  }
}

function mapOrNull(fragment: Fragment, node: unknown, where: string): YAMLMap | undefined {
  if (node === undefined || node === null || isNull(node)) return undefined;
  if (!isMap(node))
    throw errorAt(fragment, node, `\`${where}\` must be a mapping, found ${describe(node)}`);
  return node;
}

function expectScalar(fragment: Fragment, root: YAMLMap, key: string, expected: string): void {
  const node = root.get(key, true);
  if (node === undefined)
    throw errorAt(fragment, root, `not a review: missing \`${key}: ${expected}\``);
  if (!isScalar(node) || node.value !== expected) {
    throw errorAt(fragment, node, `\`${key}\` must be \`${expected}\``);
  }
}

export function keyValue(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

function isNull(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

function rangeStart(node: unknown): number | undefined {
  return (node as YamlNode | null | undefined)?.range?.[0];
}

function describe(node: unknown): string {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return `\`${String(node.value)}\``;
  return "something else";
}
