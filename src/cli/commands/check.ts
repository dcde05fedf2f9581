import { appendFileSync } from "node:fs";
import { checkDrafts } from "../../core/check.js";
import type { Level } from "../../core/rules/findings.js";
import { LEVEL_RANK, RULE_IDS } from "../../core/rules/findings.js";
import { selectFindings } from "../../formatters/select.js";
import { defaultReviewPath } from "../../core/load/draft.js";
import { displayPath, projectRoot } from "../../core/load/paths.js";
import { findDrafts, pipelineOptions } from "../../core/project.js";
import type { Config } from "../../core/load/config.js";
import {
  CHUNKED_FORMATTERS,
  FORMAT_NAMES,
  FORMATTERS,
  githubSummary,
  isFormatName,
} from "../../formatters/index.js";
import type { FormatName } from "../../formatters/index.js";
import { createContext, UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { VERSION } from "../version.js";
import { RunInputs, writeOutputs } from "../output.js";

/** One requested output: a --format, and the -o file that followed it (else stdout). */
export interface OutputRequest {
  format: string;
  file?: string;
  /** Set when this -o followed another -o with no --format between them (refused). */
  after?: string;
}

export interface CheckOptions {
  /** The --format/-o pairs in the order given (see ../define/check.ts); empty: the config's. */
  outputs: OutputRequest[];
  failOn?: Level;
  maxWarnings?: string;
  /** Exit 0 when no draft is found (by default that is a usage error). */
  allowEmpty?: boolean;
  /** Errors only. */
  quiet?: boolean;
  /** Only findings about these stakeholders. */
  stakeholder?: string[];
  /** Only findings of these rules. */
  rule?: string[];
  /** Size limit of Markdown output, in characters. */
  markdownBudget?: string;
}

export async function checkCommand(
  paths: string[],
  flags: CheckOptions,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const outputs = checkedOutputs(flags.outputs, context.config);
  for (const rule of flags.rule ?? []) {
    if (!(RULE_IDS as readonly string[]).includes(rule)) {
      throw new UsageError(`unknown rule "${rule}" (use one of ${RULE_IDS.join(", ")})`);
    }
  }
  const budget = parseBudget(flags.markdownBudget);
  // Digits only: Number("") and Number(" ") are 0, Number("1e3") is 1000.
  const maxWarnings =
    flags.maxWarnings === undefined || !/^[0-9]+$/.test(flags.maxWarnings)
      ? undefined
      : Number(flags.maxWarnings);
  if (
    flags.maxWarnings !== undefined &&
    (maxWarnings === undefined || !Number.isSafeInteger(maxWarnings))
  ) {
    throw new UsageError(`--max-warnings must be a whole number, got "${flags.maxWarnings}"`);
  }
  // Absolute, so the core never reads relative to the process's directory;
  // formatters show paths relative to io.cwd.
  const files = findDrafts(context.project, paths);
  // A renamed or mistyped draft must not pass CI in silence (as ESLint does).
  if (files.length === 0 && !flags.allowEmpty) {
    throw new UsageError(
      `no drafts found under ${paths.length ? paths.join(", ") : "."} (Markdown with a \`preclear:\` front-matter key, or YAML with \`kind: Draft\`); pass --allow-empty if that is expected`,
    );
  }
  const known = new Set<string>();
  const progress = io.stderr.isTTY && !io.env.CI && files.length > 1;
  // What this run reads, so that no -o can overwrite it.
  const inputs = new RunInputs();
  if (context.config.file) inputs.add(context.config.file, "the configuration");
  for (const file of files) {
    inputs.add(file, "a draft");
    inputs.add(defaultReviewPath(file), "a review");
  }
  const checked = checkDrafts(files, {
    ...pipelineOptions(context.project),
    onDraft: (done, total, file, evaluation) => {
      if (evaluation) inputs.addEvaluation(evaluation);
      for (const s of evaluation?.stakeholders ?? []) known.add(s.stakeholder.id);
      if (!progress) return;
      io.stderr.write(`\r\x1b[K[${done}/${total}] ${displayPath(file, io.cwd)}`);
      if (done === total) io.stderr.write("\r\x1b[K");
    },
  });
  // A misspelt --stakeholder would select nothing and pass the gate: refuse it.
  const unknown = (flags.stakeholder ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0 && checked.drafts.some((d) => d.draftId !== undefined)) {
    throw new UsageError(
      `--stakeholder ${unknown.map((id) => `"${id}"`).join(", ")}: no checked draft has ${unknown.length === 1 ? "this stakeholder" : "these stakeholders"}`,
    );
  }
  const adjusted = selectFindings(checked, {
    quiet: flags.quiet,
    stakeholders: flags.stakeholder,
    rules: flags.rule,
  });

  // SARIF and GitHub paths are relative to the repository root, so that
  // GitHub places them even when preclear ran in a subdirectory.
  const root = outputs.some(({ format }) => format === "sarif" || format === "github")
    ? (io.repositoryRoot?.(io.cwd) ?? projectRoot(io.cwd))
    : io.cwd;

  const formatOptions = (file: string | undefined) => ({
    color: file ? false : context.color,
    cwd: io.cwd,
    root,
    toolVersion: VERSION,
    ...(budget === undefined ? {} : { budget }),
  });
  // Standard output of a format that can give its text piece by piece is
  // written piece by piece below: a run over thousands of drafts then never
  // holds the whole text (and its UTF-8 copy) at once.
  const rendered = outputs.map(({ format, file }) => ({
    format,
    file,
    text:
      !file && CHUNKED_FORMATTERS[format]
        ? undefined
        : FORMATTERS[format](adjusted, formatOptions(file)),
  }));
  // Files first, all checked before any is written: none may replace an input.
  await writeOutputs(
    rendered.flatMap(({ file, text }) => (file && text !== undefined ? [{ file, text }] : [])),
    { cwd: io.cwd, inputs, allowOutside: context.allowOutside },
  );
  for (const { format, file, text } of rendered) {
    if (!file && text !== undefined) io.stdout.write(text);
    else if (!file) {
      for (const chunk of CHUNKED_FORMATTERS[format]!(adjusted, formatOptions(file))) {
        io.stdout.write(chunk);
      }
    }
    if (format === "github" && io.env.GITHUB_STEP_SUMMARY) {
      appendFileSync(
        io.env.GITHUB_STEP_SUMMARY,
        githubSummary(adjusted, formatOptions(io.env.GITHUB_STEP_SUMMARY)),
      );
    }
  }

  const all = adjusted.drafts.flatMap((d) => d.findings);
  const failOn = flags.failOn ?? context.config.failOn ?? "error";
  const failing = all.some((f) => LEVEL_RANK[f.level] >= LEVEL_RANK[failOn]);
  const warnings = all.filter((f) => f.level === "warning").length;
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) {
    io.stderr.write(
      `preclear: ${warnings} ${warnings === 1 ? "warning" : "warnings"}, more than --max-warnings ${maxWarnings}\n`,
    );
  }
  return failing || tooManyWarnings ? 1 : 0;
}

/**
 * The outputs to write: as requested, else the config's formats (else
 * stylish), each format name checked.
 */
export function checkedOutputs(
  requested: readonly OutputRequest[],
  config: Config,
): Array<{ format: FormatName; file?: string }> {
  const pairs: OutputRequest[] =
    requested.length > 0
      ? [...requested]
      : (config.format ?? ["stylish"]).map((format) => ({ format }));
  return pairs.map(({ format, file, after }) => {
    if (after !== undefined) {
      // `-f json -o a -o b`: b has no format of its own; guessing one writes the wrong thing.
      throw new UsageError(
        `--output ${file ?? ""} follows --output ${after} for the same --format ${format}; give each output its own --format`,
      );
    }
    if (!isFormatName(format)) {
      throw new UsageError(
        `unknown format "${format}" (use ${FORMAT_NAMES.slice(0, -1).join(", ")} or ${FORMAT_NAMES[FORMAT_NAMES.length - 1]})`,
      );
    }
    return file === undefined ? { format } : { format, file };
  });
}

/** `--markdown-budget`: a whole number of characters, at least 1. */
export function parseBudget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const budget = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(budget) || budget < 1) {
    throw new UsageError(`--markdown-budget must be a whole number of characters, got "${value}"`);
  }
  return budget;
}
