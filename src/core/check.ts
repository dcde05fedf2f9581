/**
 * The CI gate over many drafts: each draft is loaded, evaluated and linted;
 * a broken draft becomes `invalid-file` findings and the others go on.
 */
import { PreclearError } from "./diagnostics.js";
import type { Diagnostic } from "./diagnostics.js";
import type { ChecklistLibrary } from "./load/checklist.js";
import type { DraftOptions } from "./load/draft.js";
import { evaluate, loadBundle } from "./evaluate/evaluate.js";
import type { Evaluation } from "./evaluate/evaluate.js";
import type { CheckResult, DraftResult, Finding } from "./rules/findings.js";
import { lint } from "./rules/lint.js";
import { projectRoot } from "./load/paths.js";
import type { ExtraRule } from "./rules/lint.js";

export interface CheckOptions extends DraftOptions {
  asOf: string;
  library: ChecklistLibrary;
  extraRules?: ExtraRule[];
  /** Called after each draft, for progress reporting (and to learn which files it read). */
  onDraft?: (done: number, total: number, file: string, evaluation?: Evaluation) => void;
}

export function checkDraft(
  file: string,
  options: CheckOptions,
): DraftResult & { evaluation?: Evaluation } {
  let evaluation: Evaluation;
  try {
    evaluation = evaluate(loadBundle(file, options.library, options));
  } catch (error) {
    if (!(error instanceof PreclearError)) throw error;
    return { file, findings: error.diagnostics.map((d) => invalidFile(file, d)) };
  }
  const findings = lint(evaluation, { asOf: options.asOf }, options.extraRules);
  return {
    file,
    draftId: evaluation.draft.draft.id,
    title: evaluation.draft.draft.title,
    findings,
    evaluation,
  };
}

export function checkDrafts(files: readonly string[], options: CheckOptions): CheckResult {
  const drafts: DraftResult[] = [];
  // Drafts share a few directories: find each one's project root once.
  const roots = new Map<string, string>();
  const findRoot = options.projectRoot ?? projectRoot;
  const perDraft: CheckOptions = {
    ...options,
    projectRoot: (dir) => {
      let root = roots.get(dir);
      if (root === undefined) {
        root = findRoot(dir);
        roots.set(dir, root);
      }
      return root;
    },
  };
  files.forEach((file, index) => {
    const { evaluation, ...result } = checkDraft(file, perDraft);
    drafts.push(result);
    options.onDraft?.(index + 1, files.length, file, evaluation);
  });
  return { drafts, asOf: options.asOf };
}

export function invalidFile(draft: string, diagnostic: Diagnostic): Finding {
  return {
    ruleId: "invalid-file",
    level: "error",
    message: diagnostic.message,
    draft,
    location: diagnostic.location,
  };
}
