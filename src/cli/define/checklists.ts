/** `preclear checklists list|show` (implementation: ../commands/checklists.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import type { listChecklists, showChecklist } from "../commands/checklists.js";
import type { CommandDefinition } from "./registry.js";

export type ListOptions = Parameters<typeof listChecklists>[0];
export type ShowOptions = Parameters<typeof showChecklist>[1];

export const checklists: CommandDefinition = (program, { globals, io, wrap }) => {
  const group = program.command("checklists").description("built-in and local checklists");
  group
    .command("list", { isDefault: true })
    .description("list the checklists this project can use")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json"] satisfies Array<ListOptions["format"]>)
        .default("text"),
    )
    .action(
      wrap(async (options: ListOptions, command: Command) => {
        const { listChecklists } = await import("../commands/checklists.js");
        return listChecklists(options, globals(command), io);
      }),
    );
  group
    .command("show")
    .description("show a checklist, resolved (extends applied)")
    .argument("<id>", "checklist id")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "yaml", "json"] satisfies Array<ShowOptions["format"]>)
        .default("text"),
    )
    .action(
      wrap(async (id: string, options: ShowOptions, command: Command) => {
        const { showChecklist } = await import("../commands/checklists.js");
        return showChecklist(id, options, globals(command), io);
      }),
    );
};
