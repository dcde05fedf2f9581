/**
 * The sign-off digest (docs/digest.md): what a sign-off is bound to. It is
 * `sha256:` + hex of SHA-256 over the RFC 8785 (JCS) canonical JSON of
 *
 *   { "v": 1,
 *     "draft": { "id", "contentDigest" },
 *     "facts": { <merged facts of the draft and the review> },
 *     "checklist": [ { "id", "version", "content" } for each resolved member ],
 *     "stakeholder": { "id", "record": <the record without `signoffs`> } }
 *
 * Everything is compared as parsed JSON, so re-formatting YAML (whitespace,
 * quoting, key order, comments) never changes a digest, and any change of
 * meaning does. Keep this file and docs/digest.md in step: a third party must
 * be able to recompute a digest from the documentation alone.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { ResolvedChecklist } from "../load/checklist.js";
import type { DraftBundle } from "../evaluate/evaluate.js";

export const DIGEST_VERSION = 1;

/** The parts a digest covers, in the order messages name them. */
export const PART_NAMES = ["draft", "facts", "checklist", "record"] as const;
export type PartName = (typeof PART_NAMES)[number];

/** The object whose canonical JSON is hashed. */
export interface DigestMaterial {
  v: typeof DIGEST_VERSION;
  draft: { id: string; contentDigest: string };
  facts: Record<string, unknown>;
  checklist: Array<{ id: string; version: string; content: unknown }>;
  stakeholder: { id: string; record: Record<string, unknown> };
}

/** A sign-off digest and the digest of each part, for saying what changed. */
export interface SignoffDigest {
  digest: string;
  parts: Record<PartName, string>;
}

/** Content that has no canonical JSON form (a lone UTF-16 surrogate, NaN, Infinity). */
export class DigestError extends Error {
  constructor(
    readonly part: string,
    reason: string,
  ) {
    super(`cannot compute the sign-off digest: the ${part} ${reason}`);
    this.name = "DigestError";
  }
}

/** RFC 8785 canonical JSON of a JSON value. */
/** JCS text of a part, or a DigestError naming the part. */
export function canonicalOf(part: string, value: unknown): string {
  return canonicalPart(part as PartName, value);
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON representation");
  return text;
}

export function sha256Hex(text: string): string {
  return `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
}

/** The digest material for one stakeholder of a loaded draft. */
export function digestMaterial(bundle: DraftBundle, stakeholderId: string): DigestMaterial {
  return {
    v: DIGEST_VERSION,
    draft: draftPart(bundle),
    facts: Object.fromEntries(bundle.facts),
    checklist: checklistPart(bundle.checklist),
    stakeholder: stakeholderPart(bundle, stakeholderId),
  };
}

/** The digest (and part digests) a sign-off by `stakeholderId` must carry now. */
export function signoffDigest(bundle: DraftBundle, stakeholderId: string): SignoffDigest {
  const draft = canonicalPart("draft", draftPart(bundle));
  const facts = canonicalPart("facts", Object.fromEntries(bundle.facts));
  const checklist = canonicalChecklist(bundle.checklist);
  const record = canonicalPart("record", stakeholderPart(bundle, stakeholderId));
  // JCS sorts object members by key (checklist < draft < facts < stakeholder
  // < v) and the canonical form of a member is independent of its siblings,
  // so the whole is the parts joined: no need to canonicalise large
  // checklists again for every stakeholder. A test checks this against
  // canonicalJson(digestMaterial(...)).
  const whole =
    `{"checklist":${checklist},"draft":${draft},"facts":${facts},` +
    `"stakeholder":${record},"v":${DIGEST_VERSION}}`;
  return {
    digest: sha256Hex(whole),
    parts: {
      draft: sha256Hex(draft),
      facts: sha256Hex(facts),
      checklist: sha256Hex(checklist),
      record: sha256Hex(record),
    },
  };
}

function draftPart(bundle: DraftBundle): DigestMaterial["draft"] {
  return { id: bundle.draft.draft.id, contentDigest: bundle.draft.v1ContentDigest };
}

function checklistPart(checklist: ResolvedChecklist): DigestMaterial["checklist"] {
  return checklist.members.map((member) => ({
    id: member.checklist.id,
    version: member.checklist.version,
    content: member.loaded.value,
  }));
}

function stakeholderPart(bundle: DraftBundle, id: string): DigestMaterial["stakeholder"] {
  const record = bundle.review.stakeholders.get(id)?.record;
  const { signoffs: _signoffs, ...rest } = (record ?? {}) as Record<string, unknown>;
  return { id, record: rest };
}

// The library resolves each list of checklists once, so a resolved checklist
// is shared by every draft using it: canonicalise it once.
const checklistCache = new WeakMap<ResolvedChecklist, string>();

function canonicalChecklist(checklist: ResolvedChecklist): string {
  let text = checklistCache.get(checklist);
  if (text === undefined) {
    text = canonicalPart("checklist", checklistPart(checklist));
    checklistCache.set(checklist, text);
  }
  return text;
}

function canonicalPart(part: PartName, value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /surrogate/i.test(message)
      ? "contains text that is not valid Unicode (a lone surrogate escape such as \\ud800)"
      : /NaN|Infinity/.test(message)
        ? "contains a number JSON cannot represent (.nan or .inf)"
        : `has no canonical JSON form (${message})`;
    throw new DigestError(part, reason);
  }
}

/** How a message names a part. */
export function describePart(part: PartName): string {
  switch (part) {
    case "draft":
      return "the draft text";
    case "facts":
      return "the facts";
    case "checklist":
      return "the checklist";
    case "record":
      return "the stakeholder's record";
  }
}
