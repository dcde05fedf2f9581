/**
 * Command registration. Each command's implementation is imported only when
 * it runs, so `check` never loads the prompt library.
 */
import { Argument, Option } from "commander";
import type { Command } from "commander";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

export interface Registry {
  globals: (command: Command) => GlobalOptions;
  io: CliIO;
  wrap: (fn: (...args: never[]) => Promise<number>) => (...args: unknown[]) => Promise<void>;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command, { globals, io, wrap }: Registry): void {
  program
    .command("validate")
    .description("schema and semantic validation of checklists, drafts and reviews")
    .argument("<files...>", "files to validate (kind detected from content)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["stylish", "json"])
        .default("stylish"),
    )
    .action(
      wrap(async (files: string[], _opts: unknown, command: Command) => {
        const { validateCommand } = await import("./validate.js");
        return validateCommand(files, command.opts(), globals(command), io);
      }),
    );

  program
    .command("explain")
    .description("which stakeholders and items apply, in coordination order, and why")
    .argument("<draft>", "the draft (Markdown with front matter, or a kind: Draft descriptor)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json"])
        .default("text"),
    )
    .action(
      wrap(async (draft: string, _opts: unknown, command: Command) => {
        const { explainCommand } = await import("./explain.js");
        return explainCommand(draft, command.opts(), globals(command), io);
      }),
    );

  program
    .command("check")
    .description("CI gate over every draft found under the paths")
    .argument("[paths...]", "files or directories to search for drafts", ["."])
    .option(
      "-f, --format <format>",
      "output format: stylish, json, sarif, junit, github, markdown (repeatable; each may have its own -o)",
      collect,
    )
    .option(
      "-o, --output <file>",
      "write the preceding --format to this file (repeatable)",
      collect,
    )
    .addOption(
      new Option("--fail-on <level>", "lowest level that fails the run").choices([
        "error",
        "warning",
        "note",
      ]),
    )
    .option("--max-warnings <n>", "fail when there are more than n warnings")
    .action(
      wrap(async (paths: string[], _opts: unknown, command: Command) => {
        const { checkCommand } = await import("./check.js");
        return checkCommand(paths, command.opts(), globals(command), io, command);
      }),
    );

  const checklists = program.command("checklists").description("built-in and local checklists");
  checklists
    .command("list", { isDefault: true })
    .description("list the checklists this project can use")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json"])
        .default("text"),
    )
    .action(
      wrap(async (_opts: unknown, command: Command) => {
        const { listChecklists } = await import("./checklists.js");
        return listChecklists(command.opts(), globals(command), io);
      }),
    );
  checklists
    .command("show")
    .description("show a checklist, resolved (extends applied)")
    .argument("<id>", "checklist id")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "yaml", "json"])
        .default("text"),
    )
    .action(
      wrap(async (id: string, _opts: unknown, command: Command) => {
        const { showChecklist } = await import("./checklists.js");
        return showChecklist(id, command.opts(), globals(command), io);
      }),
    );

  program
    .command("schema")
    .description("print a JSON Schema")
    .addArgument(
      new Argument("<kind>", "which schema").choices([
        "checklist",
        "draft",
        "review",
        "report",
        "config",
      ]),
    )
    .action(
      wrap(async (kind: string) => {
        const { schemaCommand } = await import("./schema.js");
        return schemaCommand(kind, io);
      }),
    );
}
