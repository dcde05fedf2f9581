/**
 * The policy text a report prints as its appendix: the body of a Markdown
 * draft, or the document a descriptor names when it is Markdown or plain
 * text. Anything else (a .docx, a PDF, a missing file) has no text here: the
 * report then says where the text is instead.
 */
import path from "node:path";
import type { LoadedDraft } from "../core/load/draft.js";
import { isMarkdown, splitFrontMatter } from "../core/load/draft.js";
import { readTextFile } from "../core/load/files.js";

const TEXT_DOCUMENT = /\.(md|markdown|txt)$/i;

export function policyText(draft: LoadedDraft, maxBytes: number): string | null {
  try {
    if (draft.format === "markdown" || isMarkdown(draft.file)) {
      const split = splitFrontMatter(readTextFile(draft.file, maxBytes, "draft"));
      return split ? split.body.replace(/\r\n?/g, "\n") : null;
    }
    const document = draft.draft.document;
    if (document === undefined || !TEXT_DOCUMENT.test(document)) return null;
    // The loader has already held the document path inside the project.
    const file = path.resolve(path.dirname(draft.file), document);
    return readTextFile(file, maxBytes, "document").replace(/\r\n?/g, "\n");
  } catch {
    return null;
  }
}
