/** `preclear keygen` (implementation: ../commands/keygen.ts). */
import type { Command } from "commander";
import type { keygenCommand } from "../commands/keygen.js";
import type { CommandDefinition } from "./registry.js";

export type KeygenOptions = Parameters<typeof keygenCommand>[0];

export const keygen: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("keygen")
    .description("create an Ed25519 key pair for signing")
    .requiredOption("--id <id>", "key id (goes into the trust list)")
    .option(
      "-o, --output <dir>",
      "directory for the key files (default: $XDG_CONFIG_HOME/preclear/keys or ~/.config/preclear/keys)",
    )
    .option("--force", "write the private key even inside a git work tree")
    .action(
      wrap(async (options: KeygenOptions, command: Command) => {
        const { keygenCommand } = await import("../commands/keygen.js");
        return keygenCommand(options, globals(command), io);
      }),
    );
};
