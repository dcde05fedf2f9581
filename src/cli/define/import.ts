/** `preclear import <responses...>` (implementation: ../commands/import.ts). */
import type { Command } from "commander";
import type { ImportFlags } from "../commands/import.js";
import type { CommandDefinition } from "./registry.js";

export const importResponses: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("import")
    .description("bring offices' responses (kind: Response) into the review")
    .argument("<responses...>", "response files (response.yaml or response.json)")
    .option(
      "--draft <file>",
      "the draft answered (default: found by its id under the working directory)",
    )
    .option("--accept-stale", "import a response to an earlier version; its sign-off is stale")
    .option(
      "--force",
      "overwrite answers recorded after the response, and import a response whose signature cannot be trusted (recorded as unverified)",
    )
    .option("--actor <name>", "who is importing (default: git user.name, then the OS user)")
    .action(
      wrap(async (files: string[], flags: ImportFlags, command: Command) => {
        const { importCommand } = await import("../commands/import.js");
        return importCommand(files, flags, globals(command), io);
      }),
    );
};
