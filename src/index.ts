/**
 * preclear as a library: `import { check } from "preclear"`.
 *
 * The same pipeline as the command line (src/core/check.ts through
 * src/core/project.ts): a project is opened from a directory (its
 * preclear.config.yaml, local and built-in checklists, trusted keys, rule
 * levels); `check` gives the findings `preclear check` prints, `renderReport`
 * the report `preclear report` writes, `format` any `--format` output.
 *
 * Nothing here prints, reads the terminal or exits: problems with input files
 * are thrown as `PreclearError`, whose `diagnostics` carry file, line and
 * column. See docs/library.md.
 */
import { appendixText } from "./core/load/policy-text.js";
import path from "node:path";
import { checkDrafts, runDraft } from "./core/check.js";
import type { ChecklistLibrary } from "./core/load/checklist.js";
import { findDrafts, openProject, pipelineOptions } from "./core/project.js";
import type { Project } from "./core/project.js";
import type { Evaluation } from "./core/evaluate/evaluate.js";
import type { CheckResult, Finding } from "./core/rules/findings.js";
import { FORMATTERS } from "./formatters/index.js";
import type { FormatName } from "./formatters/index.js";
import { buildReport } from "./report/model.js";
import type { Report } from "./report/model.js";
import { REPORT_RENDERERS } from "./report/renderers.js";
import { redlineExtras } from "./report/redlines.js";
import type { ReportFormat } from "./report/renderers.js";
import { VERSION } from "./cli/version.js";

export { VERSION };
export { PreclearError, formatDiagnostic } from "./core/diagnostics.js";
export type { Diagnostic, Location, Position } from "./core/diagnostics.js";
export { ChecklistLibrary } from "./core/load/checklist.js";
export type { ResolvedChecklist, LoadedChecklist } from "./core/load/checklist.js";
export type { Config } from "./core/load/config.js";
export type {
  Evaluation,
  ItemEvaluation,
  StakeholderEvaluation,
} from "./core/evaluate/evaluate.js";
export type { CheckResult, DraftResult, Finding, Level, RuleId } from "./core/rules/findings.js";
export { RULE_IDS } from "./core/rules/findings.js";
export { RULES } from "./core/rules/meta.js";
export type { RuleMeta } from "./core/rules/meta.js";
export { FORMAT_NAMES, FORMATTERS, isFormatName } from "./formatters/index.js";
export type { FormatName, FormatOptions, Formatter } from "./formatters/index.js";
export { REPORT_FORMATS } from "./report/renderers.js";
export type { ReportFormat } from "./report/renderers.js";
export type { Report } from "./report/model.js";

/** Where and how to open a project; every field is optional. */
export interface ProjectInput {
  /** Directory paths are relative to and the config is searched from (default: the current directory). */
  cwd?: string;
  /** A preclear.config.yaml to use instead of searching for one. */
  config?: string;
  /** The date deadlines are judged against, YYYY-MM-DD (default: today, local time). */
  asOf?: string;
  /** Let drafts name documents and reviews outside the project root (default: the config's). */
  allowOutside?: boolean;
}

function open(input: ProjectInput = {}): Project {
  return openProject({
    // path.resolve() with no argument is the current directory.
    cwd: path.resolve(input.cwd ?? ""),
    ...(input.config !== undefined ? { config: input.config } : {}),
    ...(input.asOf !== undefined ? { asOf: input.asOf } : {}),
    ...(input.allowOutside !== undefined ? { allowOutside: input.allowOutside } : {}),
  });
}

/**
 * The checklists a project can use: its local checklists (config
 * `checklists:`) before the built-in ones. `ids()` and `list()` list them,
 * `get(id)` loads one (schema-valid, or a thrown PreclearError).
 */
export function loadChecklists(input: ProjectInput = {}): ChecklistLibrary {
  return open(input).library;
}

export interface CheckInput extends ProjectInput {
  /** Files or directories to search for drafts, relative to `cwd` (default: `["."]`). */
  paths?: readonly string[];
}

/**
 * `preclear check` without the printing: every draft under `paths`, each
 * loaded, evaluated and linted, with the sign-off rules and the configured
 * rule levels. A draft that cannot be used becomes `invalid-file` findings;
 * an unusable config or a missing path throws `PreclearError`.
 * Draft paths in the result are absolute.
 */
export function check(input: CheckInput = {}): CheckResult {
  const project = open(input);
  return checkDrafts(findDrafts(project, input.paths ?? ["."]), pipelineOptions(project));
}

/**
 * One draft, evaluated and linted: which stakeholders and items apply (and
 * why), their state in the review, and the findings `check` reports for it.
 * Throws `PreclearError` when the draft cannot be used.
 */
export function evaluate(
  draft: string,
  input: ProjectInput = {},
): { evaluation: Evaluation; findings: Finding[] } {
  const project = open(input);
  return runDraft(path.resolve(project.cwd, draft), pipelineOptions(project));
}

export interface ReportInput extends ProjectInput {
  /** markdown (default), html or json (docx is written by the CLI). */
  format?: Exclude<ReportFormat, "docx">;
}

/** The clearance report of one draft, as `preclear report` writes it. */
export function renderReport(draft: string, input: ReportInput = {}): string {
  const { project, evaluation, report } = reportOf(draft, input);
  // With the redline of each stale office, as `preclear report` adds it.
  return REPORT_RENDERERS[input.format ?? "markdown"](report, redlineExtras(evaluation, project));
}

/** The report's data (what `renderReport` renders; `--format json` is this, serialised). */
export function buildClearanceReport(draft: string, input: ProjectInput = {}): Report {
  return reportOf(draft, input).report;
}

function reportOf(draft: string, input: ProjectInput) {
  const project = open(input);
  const { evaluation, findings } = runDraft(
    path.resolve(project.cwd, draft),
    pipelineOptions(project),
  );
  const report = buildReport(evaluation, findings, {
    asOf: project.asOf,
    cwd: project.cwd,
    toolVersion: VERSION,
    policyText: appendixText(evaluation.draft, project.config.limits.maxBytes),
  });
  return { project, evaluation, report };
}

export interface FormatInput {
  /** Directory paths in the output are shown relative to (default: the current directory). */
  cwd?: string;
  /** ANSI colour (only `stylish` has any; default false). */
  color?: boolean;
}

/** A check result as one `--format` output: stylish, json, sarif, junit, github or markdown. */
export function format(result: CheckResult, name: FormatName, input: FormatInput = {}): string {
  return FORMATTERS[name](result, {
    color: input.color ?? false,
    cwd: path.resolve(input.cwd ?? ""),
    toolVersion: VERSION,
  });
}
