/** `preclear signoff <draft>` (implementation: ../commands/signoff.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import type { SignoffFlags } from "../commands/signoff.js";
import type { CommandDefinition } from "./registry.js";

export const signoff: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("signoff")
    .description("record a sign-off bound to the current digest of the draft, checklist and record")
    .argument("<draft>", "the draft")
    .requiredOption("--stakeholder <id>", "stakeholder signing off")
    .requiredOption("--name <name>", "name of the signing official")
    .requiredOption("--title <title>", "title of the signing official")
    .addOption(
      new Option("--decision <decision>", "record this decision too").choices([
        "concur",
        "concur-with-comments",
        "non-concur",
      ] satisfies Array<NonNullable<SignoffFlags["decision"]>>),
    )
    .option(
      "--comments <text>",
      "decision comments (required for concur-with-comments and non-concur)",
    )
    .option("--key <file>", "Ed25519 private key (from preclear keygen) to sign with")
    .option(
      "--force <reason>",
      "sign off despite open blocker items; the reason is recorded in the history",
    )
    .option("--actor <name>", "who is recording (default: git user.name, then the OS user)")
    .action(
      wrap(async (draft: string, options: SignoffFlags, command: Command) => {
        const { signoffCommand } = await import("../commands/signoff.js");
        return signoffCommand(draft, options, globals(command), io);
      }),
    );
};
