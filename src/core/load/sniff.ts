/**
 * What a file is, from its first bytes, for discovery (`check .`) and for
 * `validate`: read with the real YAML parser, so a quoted `"preclear":` key,
 * flow style (`{preclear: {…}}`) and JSON (`{"kind": "Draft"}`) are found as
 * a block-style key is. Only the top level is inspected (no alias is
 * expanded, nothing is converted). A head that does not parse — a broken
 * draft, or a head cut at the sniff limit — falls back to a lenient pattern,
 * so a broken draft is still found and reported rather than skipped.
 */
import { isMap, isScalar, parseDocument } from "yaml";

/** The top-level keys of a YAML (or JSON) text, with the scalar values; undefined when it does not parse. */
function topLevel(text: string): Map<string, unknown> | undefined {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0) return undefined;
  const contents = doc.contents;
  const keys = new Map<string, unknown>();
  if (!isMap(contents)) return keys;
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== "string") continue;
    keys.set(key, isScalar(pair.value) ? pair.value.value : pair.value);
  }
  return keys;
}

// Lenient fall-backs for text that does not parse: a `preclear` key in any
// quoting, at the start of a line or inside a flow mapping; `kind: Draft` likewise.
const PRECLEAR_KEY = /(?:^|[{,][ \t]*)(?:preclear|"preclear"|'preclear')[ \t]*:/m;
const KIND_DRAFT =
  /(?:^|[{,][ \t]*)(?:kind|"kind"|'kind')[ \t]*:[ \t]*(?:Draft|"Draft"|'Draft')(?![\w-])/m;

// The common spelling of a draft's key: block style, unquoted, at the start
// of a line and followed by its mapping on the next lines. Only a top-level
// key starts a line of a front matter (plain and block values continue
// indented), so this needs no parse; the loader parses the whole file anyway.
// (A quoted value broken over lines, one of them `preclear:`, would be taken
// for a draft; the loader then says what is wrong with it.)
const BLOCK_PRECLEAR = /^preclear:[ \t]*(?:#.*)?\r?$/m;

/** Does this front matter (the text between the `---` lines) hold a top-level `preclear` key? */
export function frontMatterIsDraft(front: string): boolean {
  if (!/preclear/.test(front)) return false;
  if (BLOCK_PRECLEAR.test(front)) return true;
  const keys = topLevel(front);
  return keys ? keys.has("preclear") : PRECLEAR_KEY.test(front);
}

// Block style, unquoted, at the start of a line: the common spelling, read
// without parsing the head a second time (the loader parses the whole file).
const BLOCK_KIND = /^kind:[ \t]*([A-Za-z]+)[ \t]*(?:#.*)?$/m;

/** The top-level `kind` of a YAML or JSON text (`Checklist`, `Draft`, …), if any. */
export function documentKind(text: string): string | undefined {
  const block = BLOCK_KIND.exec(text);
  if (block) return block[1];
  const keys = topLevel(text);
  if (keys) {
    const kind = keys.get("kind");
    return typeof kind === "string" ? kind : undefined;
  }
  const loose = /(?:^|[{,][ \t]*)["']?kind["']?[ \t]*:[ \t]*["']?([A-Za-z]+)["']?/m.exec(text);
  return loose?.[1];
}

/** A YAML or JSON text whose top-level `kind` is `Draft`. */
export function yamlIsDraft(text: string): boolean {
  if (!/Draft/.test(text)) return false;
  const block = BLOCK_KIND.exec(text);
  if (block) return block[1] === "Draft";
  const keys = topLevel(text);
  return keys ? keys.get("kind") === "Draft" : KIND_DRAFT.test(text);
}
