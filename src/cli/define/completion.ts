/**
 * `preclear completion <shell>` and the hidden `preclear __complete <words...>`
 * the completion scripts call (implementation: ../commands/completion.ts,
 * which reads the commands, flags and choices from this very program).
 */
import { Argument } from "commander";
import type { Command } from "commander";
import type { CommandDefinition } from "./registry.js";

export const completion: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("completion")
    .description("print a shell completion script (bash or zsh)")
    .addArgument(new Argument("<shell>", "the shell").choices(["bash", "zsh"]))
    .action(
      wrap(async (shell: "bash" | "zsh") => {
        const { completionCommand } = await import("../commands/completion.js");
        return completionCommand(shell, io);
      }),
    );

  program
    .command("__complete", { hidden: true })
    .argument("[words...]", "the words typed so far")
    .allowUnknownOption()
    .helpOption(false)
    .action(
      wrap(async (words: string[] | undefined, _options: unknown, command: Command) => {
        const { completeWords } = await import("../commands/completion.js");
        return completeWords(words ?? [], program, globals(command), io);
      }),
    );
};
