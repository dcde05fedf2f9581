import path from "node:path";
import { inquirerPrompter, PromptCancelled } from "../../review/prompts.js";
import type { Prompter } from "../../review/prompts.js";
import { Walk } from "../../review/walk.js";
import { createContext } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

interface ReviewFlags {
  stakeholder?: string;
  onlyOpen?: boolean;
  adjudicate?: boolean;
  actor?: string;
}

/** Exit code for Ctrl-C, as shells report SIGINT. */
export const INTERRUPTED = 130;

export async function reviewCommand(
  draft: string,
  flags: ReviewFlags,
  globals: GlobalOptions,
  io: CliIO,
  prompter?: Prompter,
): Promise<number> {
  const interactive = io.stdinIsTTY && Boolean(io.stdout.isTTY) && !io.env.CI;
  if (flags.stakeholder && !prompter) {
    // A mistyped office is reported (with a suggestion) with or without a terminal.
    const context = createContext(globals, io);
    Walk.preflight({
      draftFile: path.resolve(io.cwd, draft),
      library: context.library,
      allowOutside: context.allowOutside,
      stakeholder: flags.stakeholder,
      shownAs: draft,
    });
  }
  if (!prompter && !interactive) {
    io.stderr.write(
      `preclear review needs an interactive terminal${io.env.CI ? " (CI is set)" : ""}; to check a draft non-interactively run: preclear check ${draft}\n`,
    );
    return 2;
  }
  const context = createContext(globals, io);
  const walk = new Walk({
    draftFile: path.resolve(io.cwd, draft),
    library: context.library,
    asOf: context.asOf,
    allowOutside: context.allowOutside,
    ...(flags.stakeholder ? { stakeholder: flags.stakeholder } : {}),
    onlyOpen: Boolean(flags.onlyOpen),
    adjudicate: Boolean(flags.adjudicate),
    ...(flags.actor ? { actor: flags.actor } : {}),
    prompter: prompter ?? (await inquirerPrompter((text) => io.stdout.write(text))),
    color: context.color,
  });
  try {
    await walk.run();
    return 0;
  } catch (error) {
    if (error instanceof PromptCancelled) {
      const where = walk.reviewPath
        ? path.relative(io.cwd, walk.reviewPath) || walk.reviewPath
        : "the review";
      io.stderr.write(
        `\nInterrupted. Every answer you gave is saved in ${where}. Run \`preclear review ${draft}\` to resume where you left off.\n`,
      );
      return INTERRUPTED;
    }
    throw error;
  }
}
