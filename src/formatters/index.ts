/** The finding formatters, by the name `--format` takes. */
import { github } from "./github.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { markdown } from "./markdown.js";
import { sarif } from "./sarif.js";
import { stylish, stylishChunks } from "./stylish.js";
import { FORMAT_NAMES, type FormatName, type Formatter, type FormatOptions } from "./types.js";
import type { CheckResult } from "../core/rules/findings.js";

export { FORMAT_NAMES } from "./types.js";
export type { FormatName, FormatOptions, Formatter } from "./types.js";
export { githubSummary } from "./github.js";

export const FORMATTERS: Record<FormatName, Formatter> = {
  stylish,
  json,
  sarif,
  junit,
  github,
  markdown,
};

/** Formatters that can also give their text piece by piece (the same text), for large runs. */
export const CHUNKED_FORMATTERS: Partial<
  Record<FormatName, (result: CheckResult, options: FormatOptions) => Iterable<string>>
> = { stylish: stylishChunks };

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}
