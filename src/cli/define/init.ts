/** `preclear init [dir]` (implementation: ../commands/init.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import type { initCommand } from "../commands/init.js";
import { collect } from "./registry.js";
import type { CommandDefinition } from "./registry.js";

export type InitOptions = Parameters<typeof initCommand>[1];

export const init: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("init")
    .description(
      "scaffold a config, a draft for the chosen checklists, an empty review and a CI workflow",
    )
    .argument("[dir]", "directory to scaffold in", ".")
    .option(
      "--checklist <id>",
      "checklist the draft uses (repeatable; default doj-significant-policy)",
      collect,
    )
    .option("--id <id>", "draft id (default: from the title)")
    .option("--title <title>", "title of the policy")
    .option("--issuer <office>", "issuing office")
    .option("--issuance-date <date>", "planned issuance date (YYYY-MM-DD)")
    .option(
      "--draft <name>",
      "file name of the draft and its review, without extension (default: the id); in a project that has a config, init adds this draft and keeps the config",
    )
    .addOption(
      new Option("--ci <system>", "also write a CI workflow").choices([
        "github",
        "gitlab",
      ] satisfies Array<NonNullable<InitOptions["ci"]>>),
    )
    .option("--force", "overwrite existing files, the project's config and CI files included")
    .action(
      wrap(async (dir: string, options: InitOptions, command: Command) => {
        const { initCommand } = await import("../commands/init.js");
        return initCommand(dir, options, globals(command), io);
      }),
    );
};
