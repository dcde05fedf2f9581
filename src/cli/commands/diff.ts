/**
 * `preclear diff`: a redline from the version an office signed (or any kept
 * snapshot) to the draft's text now — paragraphs, then words, under their
 * headings — as text (coloured on a terminal), Markdown, HTML or JSON.
 */
import { Chalk } from "chalk";
import { displayPath } from "../../core/load/paths.js";
import { compareVersions } from "../../core/versions/compare.js";
import { renderComparison } from "../../formatters/redline.js";
import type { RedlineFormat } from "../../formatters/redline.js";
import { createContext, UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { loadEvaluation } from "./signoff.js";

export async function diffCommand(
  file: string,
  options: { stakeholder?: string; from?: string; format?: RedlineFormat },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  if (options.stakeholder !== undefined && options.from !== undefined) {
    throw new UsageError("give --stakeholder or --from, not both");
  }
  const evaluation = loadEvaluation(file, context);
  const result = compareVersions(evaluation, {
    ...(options.stakeholder !== undefined ? { stakeholder: options.stakeholder } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    show: (f) => displayPath(f, io.cwd),
  });
  if (!result.ok) throw new UsageError(result.problem);
  io.stdout.write(
    renderComparison(
      result.comparison,
      options.format ?? "text",
      new Chalk({ level: context.color ? 1 : 0 }),
    ),
  );
  return 0;
}
