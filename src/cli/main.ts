/**
 * The command line: commander wiring. `run` returns an exit code and never
 * touches process.exit; bin/preclear.js sets process.exitCode.
 */
import { Command, CommanderError, Option } from "commander";
import { readFileSync } from "node:fs";
import { formatDiagnostic, oneLine, PreclearError } from "../core/diagnostics.js";
import { forgetFilesRead } from "../core/load/files.js";
import { AtomicWriteError } from "../review/atomic.js";
import { LockTimeoutError } from "../review/lock.js";
import { UsageError } from "./context.js";
import type { GlobalOptions } from "./context.js";
import { processIO, sanitisedIO } from "./io.js";
import type { CliIO } from "./io.js";

export const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

/** A command's action: returns its exit code. */
export type Action = (globals: GlobalOptions, io: CliIO) => Promise<number>;

export async function run(argv: readonly string[], given: CliIO = processIO()): Promise<number> {
  // Everything a command writes goes through the one terminal sanitiser.
  const io = sanitisedIO(given);
  forgetFilesRead();
  let exitCode = 0;
  const program = new Command("preclear");
  const actions =
    (fn: (...args: never[]) => Promise<number>) =>
    async (...args: unknown[]) => {
      exitCode = await (fn as (...a: unknown[]) => Promise<number>)(...args);
    };
  program
    .description(
      "Pre-issuance clearance: coordinate every affected stakeholder before a policy issues.",
    )
    .version(VERSION, "-v, --version")
    .addOption(new Option("--color", "force colour output"))
    .addOption(new Option("--no-color", "disable colour output (also NO_COLOR)"))
    .option("--as-of <date>", "the date deadlines are judged against (YYYY-MM-DD; default today)")
    .option("--config <file>", "use this preclear.config.yaml instead of searching for one")
    .option("--allow-outside", "let drafts name documents and reviews outside the project root")
    .showHelpAfterError("(run preclear --help for usage)")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();

  const globals = (command: Command): GlobalOptions => command.optsWithGlobals() as GlobalOptions;
  const commands = await import("./commands/index.js");
  commands.register(program, { globals, io, wrap: actions });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

function handleError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.version" ||
      error.code === "commander.help"
    ) {
      return 0;
    }
    if (error.exitCode === 0) return 0;
    return 2; // commander already printed the message
  }
  if (error instanceof PreclearError) {
    for (const d of error.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    return error.exitCode;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`preclear: ${error.message}\n`);
    return 2;
  }
  // The environment said no (read-only file or directory, full disk, a held
  // lock): say so in one line; it is not a bug of ours.
  if (
    error instanceof AtomicWriteError ||
    error instanceof LockTimeoutError ||
    isSystemError(error) ||
    isSystemError((error as { cause?: unknown } | undefined)?.cause)
  ) {
    io.stderr.write(`preclear: ${oneLine((error as Error).message)}\n`);
    return 2;
  }
  throw error;
}

/** An error from the operating system (`EACCES`, `ENOSPC`, `EROFS`…). */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string" &&
    /^E[A-Z]+$/.test(String((error as NodeJS.ErrnoException).code))
  );
}
