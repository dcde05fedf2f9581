import { appendFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { checkDrafts } from "../../core/check.js";
import type { CheckResult, Finding, Level } from "../../core/rules/findings.js";
import { LEVEL_RANK } from "../../core/rules/findings.js";
import { discoverDrafts } from "../../core/load/discover.js";
import { defaultReviewPath } from "../../core/load/draft.js";
import { displayPath } from "../../core/load/paths.js";
import { signoffRules } from "../../core/signing/signoff.js";
import { loadTrustedKeysFor } from "../../core/signing/trust.js";
import { PreclearError } from "../../core/diagnostics.js";
import type { Config } from "../../core/load/config.js";
import {
  CHUNKED_FORMATTERS,
  FORMATTERS,
  githubSummary,
  isFormatName,
} from "../../formatters/index.js";
import type { FormatName } from "../../formatters/index.js";
import { createContext, UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { VERSION } from "../main.js";
import { RunInputs, writeOutputs } from "../output.js";

interface CheckFlags {
  format?: string[];
  output?: string[];
  failOn?: Level;
  maxWarnings?: string;
  allowEmpty?: boolean;
}

export async function checkCommand(
  paths: string[],
  flags: CheckFlags,
  globals: GlobalOptions,
  io: CliIO,
  command: Command,
): Promise<number> {
  const context = createContext(globals, io);
  const outputs = pairOutputs(
    (command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [],
    flags,
    context.config,
  );
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
  const files = discoverDrafts(paths, io.cwd);
  // A renamed or mistyped draft must not pass CI in silence (as ESLint does).
  if (files.length === 0 && !flags.allowEmpty) {
    throw new UsageError(
      `no drafts found under ${paths.length ? paths.join(", ") : "."} (Markdown with a \`preclear:\` front-matter key, or YAML with \`kind: Draft\`); pass --allow-empty if that is expected`,
    );
  }
  if (files.length > context.config.limits.maxDrafts) {
    throw new PreclearError(
      {
        location: { file: paths.join(" "), line: 1, column: 1 },
        message: `found ${files.length} drafts, more than the limit of ${context.config.limits.maxDrafts} (raise limits.maxDrafts in preclear.config.yaml)`,
      },
      2,
    );
  }
  const progress = io.stderr.isTTY && !io.env.CI && files.length > 1;
  // What this run reads, so that no -o can overwrite it.
  const inputs = new RunInputs();
  if (context.config.file) inputs.add(context.config.file, "the configuration");
  for (const file of files) {
    inputs.add(path.resolve(io.cwd, file), "a draft");
    inputs.add(defaultReviewPath(path.resolve(io.cwd, file)), "a review");
  }
  const result = checkDrafts(
    // Absolute, so the core never reads relative to the process's directory;
    // formatters show paths relative to io.cwd.
    files.map((f) => path.resolve(io.cwd, f)),
    {
      asOf: context.asOf,
      library: context.library,
      allowOutside: context.allowOutside,
      extraRules: signoffRules(loadTrustedKeysFor(context.config, io.cwd), {
        requireSignatures: context.config.requireSignatures,
        owners: context.config.owners,
      }),
      onDraft: (done, total, file, evaluation) => {
        if (evaluation) inputs.addEvaluation(evaluation);
        if (!progress) return;
        io.stderr.write(`\r\x1b[K[${done}/${total}] ${displayPath(file, io.cwd)}`);
        if (done === total) io.stderr.write("\r\x1b[K");
      },
    },
  );
  const adjusted = applyRuleLevels(result, context.config);

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
 * Pair each --format with the --output that follows it (before the next
 * --format), as Spectral does; formats without an output go to stdout.
 */
export function pairOutputs(
  rawArgs: readonly string[],
  flags: CheckFlags,
  config: Config,
): Array<{ format: FormatName; file?: string }> {
  const pairs: Array<{ format: string; file?: string }> = [];
  const outputsFirst: string[] = [];
  const take = (arg: string, next: string | undefined, names: string[]): string | undefined => {
    for (const name of names) {
      if (arg === name) return next;
      if (name.startsWith("--") && arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      if (!name.startsWith("--") && arg.startsWith(name) && arg.length > name.length)
        return arg.slice(name.length);
    }
    return undefined;
  };
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    const format = take(arg, rawArgs[i + 1], ["--format", "-f"]);
    if (format !== undefined) {
      pairs.push({ format });
      continue;
    }
    const file = take(arg, rawArgs[i + 1], ["--output", "-o"]);
    if (file !== undefined) {
      const last = pairs[pairs.length - 1];
      if (last && last.file === undefined) last.file = file;
      else if (last) {
        // `-f json -o a -o b`: b has no format of its own; guessing one writes the wrong thing.
        throw new UsageError(
          `--output ${file} follows --output ${last.file ?? ""} for the same --format ${last.format}; give each output its own --format`,
        );
      } else outputsFirst.push(file);
    }
  }
  if (outputsFirst.length > 0) {
    // `-o a` with no --format before it: the default format, once.
    if (pairs.length > 0 || outputsFirst.length > 1) {
      throw new UsageError(
        `--output ${outputsFirst[outputsFirst.length - 1]} has no --format before it; write --format FORMAT --output FILE for each output`,
      );
    }
    const format = config.format?.[0] ?? "stylish";
    return [{ format: checkedFormat(format), file: outputsFirst[0]! }];
  }
  if (pairs.length === 0) {
    for (const format of config.format ?? ["stylish"]) pairs.push({ format });
  }
  // Defensive: commander may have parsed flags the scan did not see.
  if (pairs.length === 0 && flags.format) for (const format of flags.format) pairs.push({ format });
  return pairs.map(({ format, file }) =>
    file === undefined
      ? { format: checkedFormat(format) }
      : { format: checkedFormat(format), file },
  );
}

function checkedFormat(format: string): FormatName {
  if (!isFormatName(format)) {
    throw new UsageError(
      `unknown format "${format}" (use stylish, json, sarif, junit, github or markdown)`,
    );
  }
  return format;
}

/** Per-rule level overrides from the config, like ESLint's rule levels. */
export function applyRuleLevels(result: CheckResult, config: Config): CheckResult {
  if (Object.keys(config.rules).length === 0) return result;
  return {
    ...result,
    drafts: result.drafts.map((draft) => ({
      ...draft,
      findings: draft.findings.flatMap((finding): Finding[] => {
        const level = config.rules[finding.ruleId];
        if (level === undefined) return [finding];
        if (level === "off") return [];
        return [{ ...finding, level }];
      }),
    })),
  };
}
