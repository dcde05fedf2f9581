/** `preclear verify <draft>` (implementation: ../commands/verify.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import type { verifyCommand } from "../commands/verify.js";
import type { CommandDefinition } from "./registry.js";

export type VerifyOptions = Parameters<typeof verifyCommand>[1];

export const verify: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("verify")
    .description("recompute digests and verify signatures against the trusted keys")
    .argument("<draft>", "the draft")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json"] satisfies Array<NonNullable<VerifyOptions["format"]>>)
        .default("text"),
    )
    .action(
      wrap(async (draft: string, options: VerifyOptions, command: Command) => {
        const { verifyCommand } = await import("../commands/verify.js");
        return verifyCommand(draft, options, globals(command), io);
      }),
    );
};
