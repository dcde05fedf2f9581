/**
 * The per-draft pipeline, the one `check`, `report` and the library share:
 * load, evaluate, lint (with the caller's extra rules, e.g. sign-offs), then
 * the configured rule levels. Over many drafts (the CI gate) a broken draft
 * becomes `invalid-file` findings and the others go on.
 */
import { PreclearError } from "./diagnostics.js";
import type { Diagnostic } from "./diagnostics.js";
import type { ChecklistLibrary } from "./load/checklist.js";
import type { DraftOptions } from "./load/draft.js";
import { evaluate, loadBundle } from "./evaluate/evaluate.js";
import type { Evaluation } from "./evaluate/evaluate.js";
import type { CheckResult, DraftResult, Finding, Level, RuleId } from "./rules/findings.js";
import { lint } from "./rules/lint.js";
import { projectRoot } from "./load/paths.js";
import type { ExtraRule } from "./rules/lint.js";

export interface CheckOptions extends DraftOptions {
  asOf: string;
  library: ChecklistLibrary;
  extraRules?: ExtraRule[];
  /** Per-rule level overrides (preclear.config.yaml `rules`), like ESLint's rule levels. */
  ruleLevels?: RuleLevels;
  /** Keep one copy of equal finding texts (checkDrafts sets it for its run). */
  intern?: (text: string) => string;
  /** Called after each draft, for progress reporting (and to learn which files it read). */
  onDraft?: (done: number, total: number, file: string, evaluation?: Evaluation) => void;
}

export type RuleLevels = Partial<Record<RuleId, Level | "off">>;

/**
 * One draft through the pipeline. A draft that cannot be evaluated (bad
 * YAML, unknown checklist…) throws a PreclearError with its diagnostics.
 */
export function runDraft(
  file: string,
  options: Omit<CheckOptions, "onDraft">,
): { evaluation: Evaluation; findings: Finding[] } {
  const evaluation = evaluate(loadBundle(file, options.library, options));
  const findings = applyRuleLevels(
    lint(evaluation, { asOf: options.asOf, intern: options.intern }, options.extraRules),
    options.ruleLevels,
  );
  return { evaluation, findings };
}

/** One draft for the gate: an unusable draft is `invalid-file` findings, not an exception. */
export function checkDraft(
  file: string,
  options: CheckOptions,
): DraftResult & { evaluation?: Evaluation } {
  let evaluation: Evaluation;
  let findings: Finding[];
  try {
    ({ evaluation, findings } = runDraft(file, options));
  } catch (error) {
    if (!(error instanceof PreclearError)) throw error;
    return {
      file,
      findings: applyRuleLevels(
        error.diagnostics.map((d) => invalidFile(file, d)),
        options.ruleLevels,
      ),
    };
  }
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
  // The findings of every draft are held until the run's output is written,
  // and similar drafts give equal messages: each text is kept once. (The
  // 1,000 generated drafts of the bench give 132,523 findings, 309 messages.)
  const texts = new Map<string, string>();
  const perDraft: CheckOptions = {
    ...options,
    intern: (text) => {
      const kept = texts.get(text);
      if (kept !== undefined) return kept;
      texts.set(text, text);
      return text;
    },
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

/** Findings with the configured levels: a rule set to "off" is dropped, others take their level. */
export function applyRuleLevels(findings: Finding[], levels: RuleLevels | undefined): Finding[] {
  if (!levels || Object.keys(levels).length === 0) return findings;
  return findings.flatMap((finding): Finding[] => {
    const level = levels[finding.ruleId];
    if (level === undefined) return [finding];
    if (level === "off") return [];
    return [{ ...finding, level }];
  });
}
