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
    .option("--allow-empty", "exit 0 when no draft is found (by default that is an error, exit 2)")
    .action(
      wrap(async (paths: string[], _opts: unknown, command: Command) => {
        const { checkCommand } = await import("./check.js");
        return checkCommand(paths, command.opts(), globals(command), io, command);
      }),
    );

  program
    .command("review")
    .description(
      "interactive walk through every affected stakeholder and item, saving every answer",
    )
    .argument("<draft>", "the draft")
    .option("--stakeholder <id>", "walk only this stakeholder (the liaison's view)")
    .option("--only-open", "skip items that are already done")
    .option("--actor <name>", "who is answering (default: git user.name, then the OS user)")
    .action(
      wrap(async (draft: string, _opts: unknown, command: Command) => {
        const { reviewCommand } = await import("./review.js");
        return reviewCommand(draft, command.opts(), globals(command), io);
      }),
    );

  program
    .command("report")
    .description("clearance report: clearance sheet, gaps, capacity, timeline, coordination graph")
    .argument("<draft>", "the draft")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["markdown", "html", "json"])
        .default("markdown"),
    )
    .option("-o, --output <file>", "write the report to this file instead of stdout")
    .action(
      wrap(async (draft: string, _opts: unknown, command: Command) => {
        const { reportCommand } = await import("./report.js");
        return reportCommand(draft, command.opts(), globals(command), io);
      }),
    );

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
      ]),
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
      wrap(async (draft: string, _opts: unknown, command: Command) => {
        const { signoffCommand } = await import("./signoff.js");
        return signoffCommand(draft, command.opts(), globals(command), io);
      }),
    );

  program
    .command("verify")
    .description("recompute digests and verify signatures against the trusted keys")
    .argument("<draft>", "the draft")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json"])
        .default("text"),
    )
    .action(
      wrap(async (draft: string, _opts: unknown, command: Command) => {
        const { verifyCommand } = await import("./verify.js");
        return verifyCommand(draft, command.opts(), globals(command), io);
      }),
    );

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
      wrap(async (_opts: unknown, command: Command) => {
        const { keygenCommand } = await import("./keygen.js");
        return keygenCommand(command.opts(), globals(command), io);
      }),
    );

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
    .addOption(
      new Option("--ci <system>", "also write a CI workflow").choices(["github", "gitlab"]),
    )
    .option("--force", "overwrite existing files")
    .action(
      wrap(async (dir: string, _opts: unknown, command: Command) => {
        const { initCommand } = await import("./init.js");
        return initCommand(dir, command.opts(), globals(command), io);
      }),
    );

  program
    .command("completion")
    .description("print a shell completion script (bash or zsh)")
    .addArgument(new Argument("<shell>", "the shell").choices(["bash", "zsh"]))
    .action(
      wrap(async (shell: "bash" | "zsh") => {
        const { completionCommand } = await import("./completion.js");
        return completionCommand(shell, io);
      }),
    );

  program
    .command("__complete", { hidden: true })
    .argument("[words...]", "the words typed so far")
    .allowUnknownOption()
    .helpOption(false)
    .action(
      wrap(async (words: string[], _opts: unknown, command: Command) => {
        const { completeWords } = await import("./completion.js");
        return completeWords(words ?? [], globals(command), io);
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
        "response",
        "report",
        "config",
        "trusted-keys",
      ]),
    )
    .action(
      wrap(async (kind: string) => {
        const { schemaCommand } = await import("./schema.js");
        return schemaCommand(kind, io);
      }),
    );
}
