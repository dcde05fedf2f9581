/**
 * The sign-off digest, version 2 (docs/digest.md): `sha256:` + hex of SHA-256
 * over the RFC 8785 canonical JSON of
 *
 *   { "v": 2,
 *     "draft": <the draft's fields: the preclear: block less review (and a
 *               descriptor's apiVersion, kind, document, $schema)>,
 *     "text": { "format", "digest" },
 *     "facts": { <name>: { "declaration", "value"? } for each fact the
 *                stakeholder's checklist entries mention },
 *     "stakeholder": { "id", "definition": [ { "checklist", "entry" } ],
 *                      "sources": { <id>: <source> }, "record" } }
 *
 * Unlike version 1 it covers the draft's title, issuer and dates, and of the
 * checklists only this stakeholder's own entries: another office's edits do
 * not stale it. Keep this file, docs/digest.md and
 * test/signoff/independent-digest.test.ts in step.
 */
import type { DraftBundle } from "../evaluate/evaluate.js";
import type { TextFormat } from "../load/draft.js";
import type { Signoff } from "../types/review.js";
import { canonicalOf, sha256Hex } from "./digest.js";

export const DIGEST_V2 = 2;

/** Fields of the draft that are where things are, not what the draft says. */
export const DRAFT_FIELDS_NOT_DIGESTED = ["review", "document", "apiVersion", "kind", "$schema"];

export interface DigestMaterialV2 {
  v: typeof DIGEST_V2;
  draft: Record<string, unknown>;
  text: { format: TextFormat; digest: string };
  facts: Record<string, { declaration: unknown; value?: unknown }>;
  stakeholder: {
    id: string;
    definition: Array<{ checklist: string; entry: unknown }>;
    sources: Record<string, unknown>;
    record: Record<string, unknown>;
  };
}

export interface SignoffDigestV2 {
  digest: string;
  /** `text`, `draft.<field>` for each draft field, `facts`, `checklist`, `record`. */
  parts: Record<string, string>;
  material: DigestMaterialV2;
}

/**
 * A fact is used by a stakeholder when a string anywhere in its checklist
 * entries mentions `facts.<name>` or `facts["<name>"]` (docs/digest.md).
 */
export const FACT_MENTION =
  /facts\s*(?:\.\s*([A-Za-z][A-Za-z0-9_]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])/g;

/** The digest material for `stakeholderId`; `textDigest` replaces the current text's digest. */
export function digestMaterialV2(
  bundle: DraftBundle,
  stakeholderId: string,
  textDigest: string = bundle.draft.contentDigest,
): DigestMaterialV2 {
  const draft: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(
    bundle.draft.draft as unknown as Record<string, unknown>,
  )) {
    if (!DRAFT_FIELDS_NOT_DIGESTED.includes(key)) draft[key] = value;
  }
  const definition: DigestMaterialV2["stakeholder"]["definition"] = [];
  const declarations = new Map<string, unknown>();
  const sourceDefs = new Map<string, unknown>();
  for (const member of bundle.checklist.members) {
    const raw = member.loaded.value as {
      id: string;
      facts?: Record<string, unknown>;
      sources?: Array<{ id: string }>;
      stakeholders?: Array<{ id: string }>;
    };
    for (const [name, fact] of Object.entries(raw.facts ?? {})) {
      if (!declarations.has(name)) declarations.set(name, fact);
    }
    for (const source of raw.sources ?? []) {
      if (!sourceDefs.has(source.id)) sourceDefs.set(source.id, source);
    }
    const entry = (raw.stakeholders ?? []).find((s) => s.id === stakeholderId);
    if (entry) definition.push({ checklist: raw.id, entry });
  }
  const used = new Set<string>();
  const citedSources = new Set<string>();
  for (const { entry } of definition) {
    visitStrings(entry, (text) => {
      for (const m of text.matchAll(FACT_MENTION)) used.add(m[1] ?? m[2] ?? m[3]!);
    });
    for (const item of (entry as { items?: Array<{ sources?: string[] }> }).items ?? []) {
      for (const id of item.sources ?? []) citedSources.add(id);
    }
  }
  const facts: DigestMaterialV2["facts"] = {};
  for (const name of used) {
    if (!declarations.has(name)) continue;
    const value = bundle.facts.get(name);
    facts[name] = {
      declaration: declarations.get(name),
      ...(value === undefined ? {} : { value }),
    };
  }
  const sources: Record<string, unknown> = {};
  for (const id of citedSources) if (sourceDefs.has(id)) sources[id] = sourceDefs.get(id);
  const record = bundle.review.stakeholders.get(stakeholderId)?.record;
  const { signoffs: _signoffs, ...rest } = (record ?? {}) as Record<string, unknown>;
  return {
    v: DIGEST_V2,
    draft,
    text: { format: bundle.draft.textFormat, digest: textDigest },
    facts,
    stakeholder: { id: stakeholderId, definition, sources, record: rest },
  };
}

/** The v2 digest and part digests a sign-off by `stakeholderId` carries now. */
export function signoffDigestV2(
  bundle: DraftBundle,
  stakeholderId: string,
  textDigest?: string,
): SignoffDigestV2 {
  const material = digestMaterialV2(bundle, stakeholderId, textDigest);
  const parts: Record<string, string> = { text: material.text.digest };
  for (const [field, value] of Object.entries(material.draft)) {
    parts[`draft.${field}`] = sha256Hex(canonicalOf("draft", value));
  }
  parts.facts = sha256Hex(canonicalOf("facts", material.facts));
  parts.checklist = sha256Hex(
    canonicalOf("checklist", {
      definition: material.stakeholder.definition,
      sources: material.stakeholder.sources,
    }),
  );
  parts.record = sha256Hex(canonicalOf("record", material.stakeholder.record));
  return { digest: sha256Hex(canonicalOf("draft", material)), parts, material };
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === "string") visit(value);
  else if (Array.isArray(value)) for (const v of value) visitStrings(v, visit);
  else if (value && typeof value === "object")
    for (const v of Object.values(value)) visitStrings(v, visit);
}

/** How a message names a v2 part. */
export function describePartV2(part: string): string {
  if (part.startsWith("draft.")) return `the draft's \`${part.slice("draft.".length)}\``;
  switch (part) {
    case "text":
      return "the draft text";
    case "facts":
      return "the facts its checklist entry uses";
    case "checklist":
      return "the checklist (this stakeholder's own entry, items or sources)";
    case "record":
      return "the stakeholder's record";
    default:
      return `\`${part}\``;
  }
}

/** 1 for sign-offs made before digest v2 (no `digestVersion`). */
export function digestVersionOf(signoff: Signoff): 1 | 2 {
  return signoff.digestVersion === DIGEST_V2 ? 2 : 1;
}

/** The digest of the text a sign-off covered (`parts.text` of a v2 sign-off). */
export function signedTextOf(signoff: Signoff): string | undefined {
  if (digestVersionOf(signoff) !== 2) return undefined;
  const text = (signoff.parts as Record<string, string> | undefined)?.text;
  return typeof text === "string" ? text : undefined;
}
