/**
 * `preclear report <draft>`: the clearance report of one draft, in Markdown,
 * HTML or JSON, to stdout or a file. The findings are the ones `check` would
 * report (same rules, same configured levels), judged as of `--as-of`.
 */
import path from "node:path";
import { evaluate, loadBundle } from "../../core/evaluate/evaluate.js";
import { lint } from "../../core/rules/lint.js";
import { signoffRules } from "../../core/signing/signoff.js";
import { loadTrustedKeysFor } from "../../core/signing/trust.js";
import { renderHtml } from "../../report/html.js";
import { renderJson } from "../../report/json.js";
import { renderMarkdown } from "../../report/markdown.js";
import { buildReport } from "../../report/model.js";
import type { Report } from "../../report/model.js";
import { createContext } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { VERSION } from "../main.js";
import { RunInputs, writeOutputs } from "../output.js";
import { applyRuleLevels } from "./check.js";

export type ReportFormat = "markdown" | "html" | "json";

export const REPORT_RENDERERS: Record<ReportFormat, (report: Report) => string> = {
  markdown: renderMarkdown,
  html: renderHtml,
  json: renderJson,
};

export async function reportCommand(
  file: string,
  options: { format: ReportFormat; output?: string },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const draftFile = path.relative(io.cwd, path.resolve(io.cwd, file)) || file;
  const evaluation = evaluate(
    loadBundle(path.resolve(io.cwd, draftFile), context.library, {
      allowOutside: context.allowOutside,
    }),
  );
  // The sign-off rules `check` runs, so the sheet's sign-off column agrees with the gate.
  const extraRules = signoffRules(loadTrustedKeysFor(context.config, io.cwd), {
    requireSignatures: context.config.requireSignatures,
    owners: context.config.owners,
  });
  const linted = lint(evaluation, { asOf: context.asOf }, extraRules);
  const [adjusted] = applyRuleLevels(
    { asOf: context.asOf, drafts: [{ file: draftFile, findings: linted }] },
    context.config,
  ).drafts;
  const report = buildReport(evaluation, adjusted?.findings ?? linted, {
    asOf: context.asOf,
    cwd: io.cwd,
    toolVersion: VERSION,
  });
  const text = REPORT_RENDERERS[options.format](report);
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
    io.stdout.write(text);
  }
  return 0;
}
