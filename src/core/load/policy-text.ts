/**
 * The policy text of a draft — one answer for every reader of it (packets,
 * the report's appendix, snapshots): the body of a Markdown draft, the text
 * of a Word document (.docx) as the loader digests it, or a text document
 * (.md, .markdown, .txt) a descriptor names. Other documents (a PDF) have no
 * text here: their readers say where the text is instead.
 */
import path from "node:path";
import type { LoadedDraft } from "./draft.js";
import { bodyText, isMarkdown, sha256 } from "./draft.js";
import { decodeUtf8, readInputBytes } from "./files.js";
import { DEFAULT_LIMITS } from "./yaml.js";

export interface PolicyText {
  /** The text (LF line endings). */
  text: string;
  /**
   * markdown: a Markdown body or document; docx: a Word document's paragraphs
   * (headings marked `#` as the digest has them); text: a plain text document.
   */
  kind: "markdown" | "docx" | "text";
  /** True when this text is what the draft's content digest covers (so it can be a snapshot). */
  matchesDigest: boolean;
}

const TEXT_DOCUMENT = /\.(md|markdown|txt)$/i;

/**
 * The policy text of a loaded draft, or undefined when the draft's document
 * is not text. Throws (a FileReadError) when a text document cannot be read.
 */
export function policyText(
  draft: LoadedDraft,
  maxBytes = DEFAULT_LIMITS.maxBytes,
): PolicyText | undefined {
  if (draft.text !== undefined) {
    // Markdown body or .docx text: read (and digested) by the loader.
    return {
      text: draft.text,
      kind: draft.textFormat === "docx" ? "docx" : "markdown",
      matchesDigest: true,
    };
  }
  const document = draft.draft.document;
  if (document === undefined || !TEXT_DOCUMENT.test(document)) return undefined;
  // The loader has already held the document path inside the project.
  const file = path.resolve(path.dirname(draft.file), document);
  const bytes = readInputBytes(file, maxBytes, "document");
  const raw = decodeUtf8(file, bytes, "invalid-input");
  const text = bodyText(raw);
  return {
    text,
    kind: isMarkdown(file) ? "markdown" : "text",
    // A text document's digest is of its bytes: the text is that only without CRs.
    matchesDigest: text === raw && sha256(bytes) === draft.contentDigest,
  };
}

/** The policy text for a report's appendix; null (the report says where it is) when unreadable. */
export function appendixText(draft: LoadedDraft, maxBytes: number): string | null {
  try {
    return policyText(draft, maxBytes)?.text ?? null;
  } catch {
    return null;
  }
}
