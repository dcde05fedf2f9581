/** `preclear check [paths...]` (implementation: ../commands/check.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import { FORMAT_NAMES } from "../../formatters/types.js";
import type { CheckOptions, OutputRequest } from "../commands/check.js";
import type { CommandDefinition } from "./registry.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const check: CommandDefinition = (program, { globals, io, wrap }) => {
  // Each --format with the --output that follows it (before the next
  // --format), as Spectral does: commander calls these parsers in argv order.
  const outputs: OutputRequest[] = [];
  const format = new Option(
    "-f, --format <format>",
    "output format (repeatable; each may have its own -o)",
  ).argParser((value: string, previous: string[] = []) => {
    outputs.push({ format: value });
    return [...previous, value];
  });
  // Checked when the command runs (a config may name formats too); listed
  // here for completion.
  format.argChoices = [...FORMAT_NAMES];
  const output = new Option(
    "-o, --output <file>",
    "write the preceding --format to this file (repeatable)",
  ).argParser((value: string, previous: string[] = []) => {
    const last = outputs[outputs.length - 1];
    if (last && last.file === undefined) last.file = value;
    else if (last) outputs.push({ format: last.format, file: value, after: last.file ?? "" });
    else outputs.push({ format: "stylish", file: value });
    return [...previous, value];
  });
  program
    .command("check")
    .description("CI gate over every draft found under the paths")
    .argument("[paths...]", "files or directories to search for drafts", ["."])
    .addOption(format)
    .addOption(output)
    .addOption(
      new Option("--fail-on <level>", "lowest level that fails the run").choices([
        "error",
        "warning",
        "note",
      ] satisfies Array<NonNullable<CheckOptions["failOn"]>>),
    )
    .option("--max-warnings <n>", "fail when there are more than n warnings")
    .option("--allow-empty", "exit 0 when no draft is found (by default that is an error, exit 2)")
    .option("-q, --quiet", "report errors only (warnings and notes neither shown nor counted)")
    .option(
      "--stakeholder <id>",
      "report only findings about this stakeholder (repeatable)",
      collect,
    )
    .option("--rule <id>", "report only findings of this rule (repeatable)", collect)
    .option(
      "--markdown-budget <chars>",
      "size limit of Markdown output (-f markdown: 65536, a GitHub comment; the job summary: 1048576)",
    )
    .action(
      wrap(async (paths: string[], flags: Omit<CheckOptions, "outputs">, command: Command) => {
        const { checkCommand } = await import("../commands/check.js");
        return checkCommand(paths, { ...flags, outputs }, globals(command), io);
      }),
    );
};
