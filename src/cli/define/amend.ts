/** `preclear amend <draft> --technical --reason TEXT` (implementation: ../commands/amend.ts). */
import type { Command } from "commander";
import type { amendCommand } from "../commands/amend.js";
import type { CommandDefinition } from "./registry.js";

export type AmendOptions = Parameters<typeof amendCommand>[1];

export const amend: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("amend")
    .description(
      "record a technical amendment of the text (no re-clearance when the config allows)",
    )
    .argument("<draft>", "the draft")
    .option("--technical", "the change is technical: typos, formatting, citations")
    .option("--reason <text>", "why the change is technical (recorded in the review)")
    .option("--key <file>", "Ed25519 private key to sign the amendment with")
    .option("--actor <name>", "who is recording (default: git user.name, then the OS user)")
    .action(
      wrap(async (draft: string, options: AmendOptions, command: Command) => {
        const { amendCommand } = await import("../commands/amend.js");
        return amendCommand(draft, options, globals(command), io);
      }),
    );
};
