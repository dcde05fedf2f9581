/**
 * One review file — a whole review, or one fragment of a review directory —
 * as a yaml Document that can be edited in place. Parsing and checking are
 * the core's (src/core/load/review.ts, the one parser of reviews, with the
 * schema and every problem); this module only edits.
 */
import { Document, isMap, isScalar, isSeq, LineCounter, YAMLMap, YAMLSeq } from "yaml";
import type { Node as YamlNode } from "yaml";
import { PreclearError } from "../core/diagnostics.js";
import { parseReviewFragment } from "../core/load/review.js";
import type { ReviewFragment } from "../core/load/review.js";
import type { LoadLimits } from "../core/load/yaml.js";
import { ReviewFileError } from "./errors.js";

export const API_VERSION = "preclear/v1";
export const KIND = "Review";

export interface Fragment {
  /** Path of the file (joined onto the review directory for fragments). */
  file: string;
  /** The text as read, without a byte order mark; null for a fragment that does not exist yet. */
  source: string | null;
  /** The file began with a byte order mark (written back with it). */
  bom: boolean;
  doc: Document;
  lineCounter: LineCounter;
  /** What the core's parser read; null for a fragment that does not exist yet. */
  parsed: ReviewFragment | null;
}

/**
 * Parse and check one review file with the core's parser. Throws
 * ReviewFileError with every problem, the first one's position in front.
 */
export function parseFragment(
  file: string,
  source: string,
  draftId: string,
  limits?: LoadLimits,
): Fragment {
  let parsed: ReviewFragment;
  try {
    parsed = parseReviewFragment(file, source, draftId, limits);
  } catch (error) {
    if (error instanceof PreclearError) throw ReviewFileError.from(error);
    throw error;
  }
  const bom = source.charCodeAt(0) === 0xfeff;
  return {
    file,
    // The core parses the text without its byte order mark: positions and
    // ranges in `doc` are offsets into that text.
    source: bom ? source.slice(1) : source,
    bom,
    doc: parsed.loaded.doc,
    lineCounter: parsed.loaded.lineCounter,
    parsed,
  };
}

/** A fragment to be created on first write. */
export function newFragment(file: string, draftId: string): Fragment {
  const doc = new Document({ apiVersion: API_VERSION, kind: KIND, draft: draftId });
  return { file, source: null, bom: false, doc, lineCounter: new LineCounter(), parsed: null };
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
