/**
 * Parse YAML (and JSON, which is YAML) keeping node ranges, so every problem
 * can be reported at the line and column a user must edit.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, isNode } from "yaml";
import type { Document, Node as YamlNode, Pair, YAMLMap } from "yaml";
import { PreclearError, oneLine } from "../diagnostics.js";
import type { Diagnostic, Location, Position } from "../diagnostics.js";

/** Limits against hostile input; all overridable. */
export interface LoadLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Largest number of alias expansions in one document. */
  maxAliasCount: number;
  /** Deepest nesting of collections. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxBytes: 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 64,
};

export type PathSegment = string | number;

/**
 * Keys and list entries in one file, at most (a fixed bound, counted before
 * the file is parsed). The built-in checklists hold a few thousand; a review
 * of 2,000 items with full evidence about 20,000. Past it, parsing alone
 * would cost more than the 2 s and 256 MiB docs/security.md promises.
 */
export const MAX_YAML_NODES = 40_000;

/** A parsed YAML document that can answer "where is this value?". */
export interface LoadedYaml {
  file: string;
  text: string;
  doc: Document.Parsed;
  value: unknown;
  lineCounter: LineCounter;
  /** Line offset added to every position (front matter starts after `---`). */
  lineOffset: number;
}

const KEYS_NEVER_ON_OBJECTS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Parse `text` as one YAML document. Syntax errors, duplicate keys, excessive
 * aliases, nesting and size are thrown as a PreclearError with a position.
 */
export function parseYaml(
  file: string,
  text: string,
  limits: LoadLimits = DEFAULT_LIMITS,
  lineOffset = 0,
): LoadedYaml {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > limits.maxBytes) {
    throw new PreclearError({
      location: { file, line: 1 + lineOffset, column: 1 },
      message: `file is ${formatBytes(bytes)}, larger than the ${formatBytes(limits.maxBytes)} limit (raise limits.maxFileBytes in preclear.config.yaml if this is intended)`,
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const unprintable = findUnprintable(text);
  if (unprintable) {
    throw new PreclearError({
      location: { file, line: unprintable.line + lineOffset, column: unprintable.column },
      message: unprintable.message,
    });
  }
  const tooDeep = prescanDepth(text, limits.maxDepth);
  if (tooDeep) {
    throw new PreclearError({
      location: { file, line: tooDeep.line + lineOffset, column: tooDeep.column },
      message:
        tooDeep.nodes === undefined
          ? `nesting deeper than ${limits.maxDepth} levels`
          : `more than ${MAX_YAML_NODES.toLocaleString("en-US")} keys and list entries in one file; split it`,
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // Duplicate keys are found by checkKeys below, with a set per mapping:
    // the parser's own check compares each key with every earlier one (N²).
    uniqueKeys: false,
    strict: true,
    keepSourceTokens: false,
    // YAML 1.1 tags (!!binary, !!timestamp, !!set…) would become Buffers,
    // Dates and Sets; unresolved, they are refused below like any other tag.
    resolveKnownTags: false,
  });
  const loaded: LoadedYaml = { file, text, doc, value: undefined, lineCounter, lineOffset };
  // Warnings too: an unknown tag (`!!js/function`, `!foo`) or directive would
  // otherwise be silently read as a plain value.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    const first = problems[0]!;
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    throw new PreclearError({
      location: { file, line: pos.line + lineOffset, column: pos.col },
      message: describeYamlError(first.code, first.message),
    });
  }
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== "1.2") {
    const at = lineCounter.linePos(Math.max(0, text.indexOf("%YAML")));
    throw new PreclearError({
      location: { file, line: at.line + lineOffset, column: at.col },
      message: `YAML ${doc.directives.yaml.version} is not supported: preclear files are YAML 1.2; remove the %YAML line`,
    });
  }
  checkDepth(loaded, limits.maxDepth);
  checkKeys(loaded);
  try {
    loaded.value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PreclearError({
      location: { file, line: 1 + lineOffset, column: 1 },
      message: /alias/i.test(message)
        ? `too many alias expansions (more than ${limits.maxAliasCount}); is this an alias bomb?`
        : oneLine(message),
    });
  }
  return loaded;
}

/**
 * A LoadedYaml whose text and value are known (a built-in checklist the build
 * parsed and validated already) and whose document is parsed only when a
 * position is asked for: most runs never report one inside a built-in.
 * Parsing `text` with `limits` must succeed; the caller has made sure it does.
 */
export function deferredYaml(
  file: string,
  text: string,
  value: unknown,
  limits: LoadLimits = DEFAULT_LIMITS,
): LoadedYaml {
  let parsed: LoadedYaml | undefined;
  const parse = (): LoadedYaml => (parsed ??= parseYaml(file, text, limits));
  return {
    file,
    text,
    value,
    lineOffset: 0,
    get doc() {
      return parse().doc;
    },
    get lineCounter() {
      return parse().lineCounter;
    },
  };
}

/**
 * A linear scan that over-approximates nesting depth (indentation levels,
 * sequence dashes and flow brackets), so hostile input is refused before the
 * parser recurses into it. The exact check runs after parsing.
 */
function prescanDepth(text: string, maxDepth: number): (Position & { nodes?: number }) | undefined {
  const indents: number[] = [];
  let flow = 0;
  // Entries (keys, list items, flow elements), estimated: the parser costs
  // about 1 KiB of memory and several microseconds per node, so a 1 MiB flow
  // list of half a million `1,` took 3 s and 600 MiB before it could be judged.
  let nodes = 0;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: measure indentation and leading "- " markers.
    let col = 0;
    while (i < n && text[i] === " ") {
      i++;
      col++;
    }
    let dashes = 0;
    while (i + 1 < n && text[i] === "-" && (text[i + 1] === " " || text[i + 1] === "\n")) {
      dashes++;
      i += 2;
      col += 2;
      while (i < n && text[i] === " ") {
        i++;
        col++;
      }
    }
    const blank = i >= n || text[i] === "\n" || text[i] === "#";
    if (!blank || dashes > 0) nodes += Math.max(1, dashes);
    if (nodes > MAX_YAML_NODES) return { line, column: col + 1, nodes };
    if (!blank && flow === 0) {
      const indent = col - dashes * 2;
      while (indents.length > 0 && indents[indents.length - 1]! > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < indent) indents.push(indent);
      if (indents.length + dashes > maxDepth * 2) return { line, column: col + 1 };
    }
    let quote: string | undefined;
    while (i < n && text[i] !== "\n") {
      const c = text[i]!;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === "#" && (i === 0 || text[i - 1] === " ")) {
        while (i < n && text[i] !== "\n") i++;
        break;
      } else if (c === "[" || c === "{") {
        if (++flow > maxDepth * 2) return { line, column: col + 1 };
        nodes++;
      } else if (c === "," && flow > 0) {
        if (++nodes > MAX_YAML_NODES) return { line, column: col + 1, nodes };
      } else if ((c === "]" || c === "}") && flow > 0) {
        flow--;
      }
      i++;
      col++;
    }
    i++;
    line++;
  }
  return undefined;
}

/**
 * The first character YAML 1.2 does not allow in a stream (control
 * characters, lone surrogates, U+FFFE/U+FFFF), or a carriage return that is
 * not part of CRLF: the parser would silently swallow the rest of that line.
 */
function findUnprintable(text: string): (Position & { message: string }) | undefined {
  const match = UNPRINTABLE.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const line = before.split("\n").length;
  const column = match.index - before.lastIndexOf("\n");
  const char = match[0];
  if (char === "\r") {
    return {
      line,
      column,
      message:
        "carriage return (CR) without a line feed: save the file with LF or CRLF line endings",
    };
  }
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return {
    line,
    column,
    message: `character ${code} is not allowed in a YAML file; remove it (inside double quotes, write an escape such as \\u0000 instead)`,
  };
}

const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|\r(?!\n)|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function describeYamlError(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return "duplicate key: each key may appear only once in a mapping";
  if (code === "TAG_RESOLVE_FAILED") {
    const tag = /Unresolved tag: (\S+)/.exec(message)?.[1]?.replace(/^tag:yaml\.org,2002:/, "!!");
    return `unsupported YAML tag \`${tag ?? "?"}\`: preclear files hold plain strings, numbers, booleans, lists and mappings; remove the tag`;
  }
  return `YAML syntax error: ${oneLine(message).replace(/ at line \d+, column \d+:?$/, "")}`;
}

/** Iterative depth check, so 10,000-deep input cannot overflow the stack. */
function checkDepth(loaded: LoadedYaml, maxDepth: number): void {
  const root = loaded.doc.contents;
  if (!root) return;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > maxDepth) {
        throw new PreclearError({
          location: locationOfNode(loaded, node as YamlNode),
          message: `nesting deeper than ${maxDepth} levels`,
        });
      }
      for (const entry of node.items) {
        if (isPair(entry)) {
          stack.push({ node: entry.value, depth: depth + 1 });
        } else {
          stack.push({ node: entry, depth: depth + 1 });
        }
      }
    }
  }
}

/**
 * `__proto__`, `constructor` and `prototype` keys are refused outright;
 * a key that appears twice in a mapping is refused at its first repeat (the
 * one earliest in the file). Linear: one set of keys per mapping.
 */
function checkKeys(loaded: LoadedYaml): void {
  const root = loaded.doc.contents;
  const stack: unknown[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        // `? [a, b]: c` would become the key "[ a, b ]" (with a Node warning on stderr).
        if (isMap(pair.key) || isSeq(pair.key)) {
          throw new PreclearError({
            location: locationOfNode(loaded, pair.key),
            message: "a key must be a plain value, not a list or mapping",
          });
        }
        if (typeof key === "string" && KEYS_NEVER_ON_OBJECTS.has(key)) {
          throw new PreclearError({
            location: locationOfNode(loaded, pair.key as YamlNode),
            message: `key "${key}" is not allowed`,
          });
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  const duplicate = firstDuplicateKey(root);
  if (duplicate) {
    throw new PreclearError({
      location: locationOfNode(loaded, duplicate),
      message: describeYamlError("DUPLICATE_KEY", ""),
    });
  }
}

/**
 * The key, earliest in the file, that repeats a key of its mapping (YAML's
 * equality: 1 and "1" differ). Linear — one set per mapping — where the
 * parser's `uniqueKeys` compares each key with every earlier one.
 */
export function firstDuplicateKey(root: unknown): YamlNode | undefined {
  const stack: unknown[] = root ? [root] : [];
  let duplicate: YamlNode | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const value = pair.key.value;
          const identity = typeof value === "string" ? `s:${value}` : value;
          if (seen.has(identity)) {
            const at = pair.key.range?.[0] ?? 0;
            if (!duplicate || at < (duplicate.range?.[0] ?? 0)) duplicate = pair.key;
          }
          seen.add(identity);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return duplicate;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

export function locationOfNode(loaded: LoadedYaml, node: YamlNode | null | undefined): Location {
  const offset = node?.range?.[0] ?? 0;
  const end = node?.range?.[1];
  const start = loaded.lineCounter.linePos(offset);
  const file = loaded.file;
  const line = start.line + loaded.lineOffset;
  const column = start.col;
  if (end === undefined) return { file, line, column };
  // One literal, so that V8 keeps the fields in the object (see lintFinding).
  const e = loaded.lineCounter.linePos(end);
  return { file, line, column, endLine: e.line + loaded.lineOffset, endColumn: e.col };
}

export interface LocateOptions {
  /** Point at the key of the last segment rather than its value. */
  key?: boolean;
}

/**
 * Where is the value at `path`? Walks the document; when the path stops
 * existing, answers with the nearest existing ancestor.
 */
export function locate(
  loaded: LoadedYaml,
  path: readonly PathSegment[],
  options: LocateOptions = {},
): Location {
  let node: unknown = loaded.doc.contents;
  let found: YamlNode | null = isNode(node) ? node : null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = keyIndex(node).get(String(segment));
      if (!pair) break;
      if (last && options.key && isNode(pair.key)) return locationOfNode(loaded, pair.key);
      node = pair.value;
      if (isNode(node)) found = node;
      else if (isNode(pair.key)) {
        found = pair.key;
        break;
      }
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (!isNode(item)) break;
      node = item;
      found = item;
    } else {
      break;
    }
  }
  return locationOfNode(loaded, found);
}

/**
 * Each mapping's pairs by key, built once per mapping and kept while the
 * document lives: locating is then a lookup per path segment. (A scan per
 * segment made N problems in a mapping of N keys cost N² — 105,000 unknown
 * keys in a 1 MiB review took minutes.) The first pair wins, as YAML reads it.
 */
const KEY_INDEX = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

function keyIndex(map: YAMLMap<unknown, unknown>): Map<string, Pair<unknown, unknown>> {
  let index = KEY_INDEX.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      if (!index.has(key)) index.set(key, pair);
    }
    KEY_INDEX.set(map, index);
  }
  return index;
}

/** Turn a message and a path into a Diagnostic. */
export function diagnosticAt(
  loaded: LoadedYaml,
  path: readonly PathSegment[],
  message: string,
  options?: LocateOptions,
): Diagnostic {
  return { location: locate(loaded, path, options), message };
}
