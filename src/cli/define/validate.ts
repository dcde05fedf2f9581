/** `preclear validate <files...>`: its arguments and flags (implementation: ../commands/validate.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import type { validateCommand } from "../commands/validate.js";
import type { CommandDefinition } from "./registry.js";

export type ValidateOptions = Parameters<typeof validateCommand>[1];

export const validate: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("validate")
    .description("schema and semantic validation of checklists, drafts and reviews")
    .argument("<files...>", "files to validate (kind detected from content)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["stylish", "json"] satisfies Array<ValidateOptions["format"]>)
        .default("stylish"),
    )
    .action(
      wrap(async (files: string[], options: ValidateOptions, command: Command) => {
        const { validateCommand } = await import("../commands/validate.js");
        return validateCommand(files, options, globals(command), io);
      }),
    );
};
