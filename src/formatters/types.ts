import type { CheckResult } from "../core/rules/findings.js";

export const FORMAT_NAMES = ["stylish", "json", "sarif", "junit", "github", "markdown"] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export interface FormatOptions {
  /** Emit ANSI colour (only `stylish` has any). */
  color: boolean;
  /** Absolute directory that paths in the output are shown relative to. */
  cwd: string;
  /**
   * Absolute directory that SARIF URIs and GitHub annotation paths are
   * relative to: the repository root, so that GitHub can place them whatever
   * directory preclear ran in. Defaults to `cwd`.
   */
  root?: string;
  /**
   * Size budget of Markdown outputs, in characters (counted as UTF-8 bytes):
   * default 65,536 (a GitHub comment) for `markdown`, 1 MiB for the job summary.
   */
  budget?: number;
  /** preclear's version, for outputs that name the tool. */
  toolVersion: string;
}

/** A pure function from a check result to the text of one output. */
export type Formatter = (result: CheckResult, options: FormatOptions) => string;
