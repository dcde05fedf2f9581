/** `preclear respond <response> --key FILE` (implementation: ../commands/respond.ts). */
import type { Command } from "commander";
import type { CommandDefinition } from "./registry.js";

export const respond: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("respond")
    .description("sign a response with an Ed25519 key, for offices that run preclear")
    .argument("<response>", "the response file (signed in place)")
    .requiredOption("--key <file>", "Ed25519 private key (from preclear keygen)")
    .action(
      wrap(async (file: string, flags: { key: string }, command: Command) => {
        const { respondCommand } = await import("../commands/respond.js");
        return respondCommand(file, flags, globals(command), io);
      }),
    );
};
