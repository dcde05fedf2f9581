/**
 * `preclear report <draft>`: the clearance report of one draft, in Markdown,
 * HTML or JSON, to stdout or a file. The findings are the ones `check` would
 * report (same rules, same configured levels), judged as of `--as-of`.
 */
import path from "node:path";
import { runDraft } from "../../core/check.js";
import { pipelineOptions } from "../../core/project.js";
import { buildReport } from "../../report/model.js";
import { redlineExtras } from "../../report/redlines.js";
import { REPORT_RENDERERS } from "../../report/renderers.js";
import type { ReportFormat } from "../../report/renderers.js";
import { appendixText } from "../../core/load/policy-text.js";
import { renderMarkdown } from "../../report/markdown.js";
import { renderDocx } from "../../report/docx.js";
import { createContext, UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { VERSION } from "../version.js";
import { RunInputs, writeOutputs } from "../output.js";
import { parseBudget } from "./check.js";

export async function reportCommand(
  file: string,
  options: { format: ReportFormat; output?: string; markdownBudget?: string },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const budget = parseBudget(options.markdownBudget);
  if (options.format === "docx" && !options.output) {
    throw new UsageError("--format docx writes a Word file: name it with -o FILE.docx");
  }
  const draftFile = path.relative(io.cwd, path.resolve(io.cwd, file)) || file;
  // The pipeline `check` runs (sign-off rules, configured levels), so the
  // sheet agrees with the gate.
  const { evaluation, findings } = runDraft(
    path.resolve(io.cwd, draftFile),
    pipelineOptions(context.project),
  );
  const report = buildReport(evaluation, findings, {
    asOf: context.asOf,
    cwd: io.cwd,
    toolVersion: VERSION,
    policyText: appendixText(evaluation.draft, context.config.limits.maxBytes),
  });
  // What changed since each office signed: the redline per stale (or amended) office.
  const extras = redlineExtras(evaluation, { config: context.config, cwd: io.cwd });
  const text =
    options.format === "docx"
      ? await renderDocx(report, evaluation, { marking: context.config.packet.marking })
      : options.format === "markdown"
        ? renderMarkdown(report, { ...extras, ...(budget === undefined ? {} : { budget }) })
        : REPORT_RENDERERS[options.format](report, extras);
  if (options.output) {
    // Never over one of the files the report was made from.
    const inputs = new RunInputs();
    inputs.addEvaluation(evaluation);
    if (context.config.file) inputs.add(context.config.file, "the configuration");
    await writeOutputs([{ file: options.output, text }], {
      cwd: io.cwd,
      inputs,
      allowOutside: context.allowOutside,
    });
  } else {
    io.stdout.write(text as string);
  }
  return 0;
}
