import { appendFileSync } from "node:fs";
import { checkDrafts } from "../../core/check.js";
import type { Level } from "../../core/rules/findings.js";
import { LEVEL_RANK } from "../../core/rules/findings.js";
import { defaultReviewPath } from "../../core/load/draft.js";
import { displayPath } from "../../core/load/paths.js";
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
}

export interface CheckOptions {
  /** The --format/-o pairs in the order given (see ../define/check.ts); empty: the config's. */
  outputs: OutputRequest[];
  failOn?: Level;
  maxWarnings?: string;
}

export async function checkCommand(
  paths: string[],
  flags: CheckOptions,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const outputs = checkedOutputs(flags.outputs, context.config);
  const maxWarnings = flags.maxWarnings === undefined ? undefined : Number(flags.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError(`--max-warnings must be a whole number, got "${flags.maxWarnings}"`);
  }
  // Absolute, so the core never reads relative to the process's directory;
  // formatters show paths relative to io.cwd.
  const files = findDrafts(context.project, paths);
  const progress = io.stderr.isTTY && !io.env.CI && files.length > 1;
  // What this run reads, so that no -o can overwrite it.
  const inputs = new RunInputs();
  if (context.config.file) inputs.add(context.config.file, "the configuration");
  for (const file of files) {
    inputs.add(file, "a draft");
    inputs.add(defaultReviewPath(file), "a review");
  }
  const adjusted = checkDrafts(files, {
    ...pipelineOptions(context.project),
    onDraft: (done, total, file, evaluation) => {
      if (evaluation) inputs.addEvaluation(evaluation);
      if (!progress) return;
      io.stderr.write(`\r\x1b[K[${done}/${total}] ${displayPath(file, io.cwd)}`);
      if (done === total) io.stderr.write("\r\x1b[K");
    },
  });

  const formatOptions = (file: string | undefined) => ({
    color: file ? false : context.color,
    cwd: io.cwd,
    toolVersion: VERSION,
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
        githubSummary(adjusted, { color: false, cwd: io.cwd, toolVersion: VERSION }),
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
  return pairs.map(({ format, file }) => {
    if (!isFormatName(format)) {
      throw new UsageError(
        `unknown format "${format}" (use ${FORMAT_NAMES.slice(0, -1).join(", ")} or ${FORMAT_NAMES[FORMAT_NAMES.length - 1]})`,
      );
    }
    return file === undefined ? { format } : { format, file };
  });
}
