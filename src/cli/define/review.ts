/** `preclear review <draft>` (implementation: ../commands/review.ts, the only one that loads prompts). */
import type { Command } from "commander";
import type { reviewCommand } from "../commands/review.js";
import type { CommandDefinition } from "./registry.js";

export type ReviewOptions = Parameters<typeof reviewCommand>[1];

export const review: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("review")
    .description(
      "interactive walk through every affected stakeholder and item, saving every answer",
    )
    .argument("<draft>", "the draft")
    .option("--stakeholder <id>", "walk only this stakeholder (the liaison's view)")
    .option("--only-open", "skip steps that are already complete (the default when resuming)")
    .option(
      "--adjudicate",
      "dispose of the comments offices sent: disposition, response and resolution of each",
    )
    .option("--actor <name>", "who is answering (default: git user.name, then the OS user)")
    .action(
      wrap(async (draft: string, options: ReviewOptions, command: Command) => {
        const { reviewCommand } = await import("../commands/review.js");
        return reviewCommand(draft, options, globals(command), io);
      }),
    );
};
