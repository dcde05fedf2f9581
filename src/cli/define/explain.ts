/** `preclear explain <draft>` (implementation: ../commands/explain.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import type { explainCommand } from "../commands/explain.js";
import type { CommandDefinition } from "./registry.js";

export type ExplainOptions = Parameters<typeof explainCommand>[1];

export const explain: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("explain")
    .description("which stakeholders and items apply, in coordination order, and why")
    .argument("<draft>", "the draft (Markdown with front matter, or a kind: Draft descriptor)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json"] satisfies Array<ExplainOptions["format"]>)
        .default("text"),
    )
    .action(
      wrap(async (draft: string, options: ExplainOptions, command: Command) => {
        const { explainCommand } = await import("../commands/explain.js");
        return explainCommand(draft, options, globals(command), io);
      }),
    );
};
