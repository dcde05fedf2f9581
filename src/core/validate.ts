/** `preclear validate`: schema and semantic validation of any preclear file. */
import path from "node:path";
import { PreclearError } from "./diagnostics.js";
import type { Diagnostic } from "./diagnostics.js";
import { inputOrderWarnings } from "./load/checklist.js";
import type { ChecklistLibrary } from "./load/checklist.js";
import { isMarkdown, looksLikeDraft } from "./load/draft.js";
import type { DraftOptions } from "./load/draft.js";
import { loadBundle } from "./evaluate/evaluate.js";
import { readTextFile } from "./load/files.js";
import { documentKind } from "./load/sniff.js";
import { validateAgainst } from "./load/schemas.js";
import { parseYaml } from "./load/yaml.js";

export type FileKind = "checklist" | "draft" | "review" | "response" | "unknown";

export interface FileValidation {
  file: string;
  kind: FileKind;
  diagnostics: Diagnostic[];
  /** Problems that do not make the file invalid (an item due before an input it needs). */
  warnings?: Diagnostic[];
}

export function detectKind(file: string, text: string): FileKind {
  if (isMarkdown(file)) return looksLikeDraft(file, text) ? "draft" : "unknown";
  const kind = documentKind(text);
  if (kind === "Checklist") return "checklist";
  if (kind === "Draft") return "draft";
  if (kind === "Review") return "review";
  if (kind === "Response") return "response";
  return "unknown";
}

export function validateFile(
  file: string,
  library: ChecklistLibrary,
  options: DraftOptions = {},
): FileValidation {
  let text: string;
  try {
    text = readTextFile(file, library.limits.maxBytes, "file");
  } catch (error) {
    if (error instanceof PreclearError)
      return { file, kind: "unknown", diagnostics: error.diagnostics };
    throw error;
  }
  const kind = detectKind(file, text.slice(0, 64 * 1024));
  try {
    switch (kind) {
      case "checklist": {
        const { diagnostics, resolved } = library.resolve(
          [{ ref: path.resolve(file), at: { file, line: 1, column: 1 } }],
          path.dirname(file),
        );
        const warnings = resolved ? inputOrderWarnings(resolved) : [];
        return { file, kind, diagnostics, ...(warnings.length ? { warnings } : {}) };
      }
      case "draft":
        loadBundle(file, library, options);
        return { file, kind, diagnostics: [] };
      case "review": {
        const loaded = parseYaml(file, text, library.limits);
        return { file, kind, diagnostics: validateAgainst("review", loaded, loaded.value) };
      }
      case "response": {
        const loaded = parseYaml(file, text, library.limits);
        return { file, kind, diagnostics: validateAgainst("response", loaded, loaded.value) };
      }
      default:
        return {
          file,
          kind,
          diagnostics: [
            {
              location: { file, line: 1, column: 1 },
              message:
                "not a preclear file: expected `kind: Checklist`, `kind: Draft`, `kind: Review`, `kind: Response`, or Markdown front matter with a `preclear:` block",
            },
          ],
        };
    }
  } catch (error) {
    if (error instanceof PreclearError) return { file, kind, diagnostics: error.diagnostics };
    throw error;
  }
}
