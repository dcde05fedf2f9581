/**
 * The policy text of a draft, as sent in a packet, and the snapshots of sent
 * versions (`<draft>.versions/sha256-<hex>.txt`, SPEC section 13) that let a
 * stale response say what changed since.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readTextFile } from "../core/load/files.js";
import { bodyDigest, isMarkdown, splitFrontMatter } from "../core/load/draft.js";
import type { LoadedDraft } from "../core/load/draft.js";
import { DEFAULT_LIMITS } from "../core/load/yaml.js";

export interface PolicyText {
  /** The text (LF line endings). */
  text: string;
  /** Markdown is rendered as such; anything else as plain paragraphs. */
  markdown: boolean;
  /** True when the digest of this text is the draft's content digest (so it can be a snapshot). */
  matchesDigest: boolean;
}

/**
 * The text of a Markdown draft's body, or of a descriptor's document: text
 * (.md, .markdown, .txt) as is, a Word document (.docx) as its paragraphs.
 * Undefined for other documents (a PDF): their packet says where the text is.
 */
export async function readPolicyText(
  draft: LoadedDraft,
  maxBytes = DEFAULT_LIMITS.maxBytes,
): Promise<PolicyText | undefined> {
  if (draft.format === "markdown") {
    const split = splitFrontMatter(readTextFile(draft.file, maxBytes, "draft"));
    if (!split) return undefined;
    const text = split.body.replace(/\r\n?/g, "\n");
    return { text, markdown: true, matchesDigest: bodyDigest(text) === draft.contentDigest };
  }
  const document = draft.draft.document;
  if (!document) return undefined;
  const file = path.resolve(path.dirname(draft.file), document);
  if (/\.docx$/i.test(document)) {
    const { default: mammoth } = await import("mammoth");
    const { value } = await mammoth.extractRawText({ path: file });
    const text = value.replace(/\r\n?/g, "\n").normalize("NFC");
    // Plain paragraphs; what the digest covers is the versions module's to define.
    return { text, markdown: false, matchesDigest: bodyDigest(text) === draft.contentDigest };
  }
  if (!/\.(md|markdown|txt)$/i.test(document)) return undefined;
  const raw = readFileSync(file);
  const text = raw.toString("utf8").replace(/\r\n?/g, "\n");
  return {
    text,
    markdown: isMarkdown(file),
    matchesDigest: bodyDigest(raw.toString("utf8")) === draft.contentDigest && !raw.includes(13),
  };
}

/** `<dir>/<stem>.versions`, beside the draft (stem as for the review file). */
export function versionsDir(draftFile: string): string {
  const stem = path
    .basename(draftFile)
    .replace(/\.(md|markdown|ya?ml)$/i, "")
    .replace(/\.draft$/i, "");
  return path.join(path.dirname(draftFile), `${stem}.versions`);
}

export function snapshotPath(draftFile: string, digest: string): string {
  return path.join(versionsDir(draftFile), `${digest.replace(":", "-")}.txt`);
}

/** Store the text sent (content-addressed: an existing snapshot is left alone). */
export function writeSnapshot(draftFile: string, digest: string, text: string): string {
  const file = snapshotPath(draftFile, digest);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return file;
}

/** The text of a version, if a snapshot of it is kept. */
export function readSnapshot(draftFile: string, digest: string): string | undefined {
  const file = snapshotPath(draftFile, digest);
  if (!/^sha256:[0-9a-f]{64}$/.test(digest) || !existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  return bodyDigest(text) === digest ? text : undefined;
}
