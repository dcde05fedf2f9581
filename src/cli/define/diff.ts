/** `preclear diff <draft>` (implementation: ../commands/diff.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import type { diffCommand } from "../commands/diff.js";
import type { CommandDefinition } from "./registry.js";

export type DiffOptions = Parameters<typeof diffCommand>[1];

export const diff: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("diff")
    .description("redline from the version an office signed (or any kept snapshot) to the text now")
    .argument("<draft>", "the draft")
    .option("--stakeholder <id>", "compare with the text this stakeholder last signed")
    .option(
      "--from <digest>",
      "compare with the kept version of this digest (sha256:<hex> or 8+ hex digits)",
    )
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "markdown", "html", "json"] satisfies Array<
          NonNullable<DiffOptions["format"]>
        >)
        .default("text"),
    )
    .action(
      wrap(async (draft: string, options: DiffOptions, command: Command) => {
        const { diffCommand } = await import("../commands/diff.js");
        return diffCommand(draft, options, globals(command), io);
      }),
    );
};
