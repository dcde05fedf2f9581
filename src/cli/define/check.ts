/** `preclear check [paths...]` (implementation: ../commands/check.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import { FORMAT_NAMES } from "../../formatters/types.js";
import type { CheckOptions, OutputRequest } from "../commands/check.js";
import type { CommandDefinition } from "./registry.js";

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
    .action(
      wrap(
        async (
          paths: string[],
          flags: Pick<CheckOptions, "failOn" | "maxWarnings">,
          command: Command,
        ) => {
          const { checkCommand } = await import("../commands/check.js");
          return checkCommand(paths, { ...flags, outputs }, globals(command), io);
        },
      ),
    );
};
