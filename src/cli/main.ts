/**
 * The command line: commander wiring. `run` returns an exit code and never
 * touches process.exit; bin/preclear.js sets process.exitCode.
 *
 * Start-up loads commander and the command definitions only (src/cli/define/);
 * a command's implementation is imported when it runs, so `--version` and
 * `--help` load nothing else.
 */
import { Command, CommanderError, Option } from "commander";
import path from "node:path";
import { formatDiagnostic, oneLine, PreclearError } from "../core/diagnostics.js";
import type { Diagnostic, DiagnosticKind } from "../core/diagnostics.js";
import { displayPath } from "../core/load/paths.js";
import type { GlobalOptions } from "./context.js";
import { UsageError } from "./errors.js";
import { register } from "./commands/index.js";
import { processIO, sanitisedIO } from "./io.js";
import { forgetFilesRead } from "../core/load/files.js";
import type { CliIO } from "./io.js";

import { VERSION } from "./version.js";

export { VERSION };

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
  register(program, { globals, io, wrap: actions });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

async function handleError(error: unknown, io: CliIO): Promise<number> {
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
    for (const d of error.diagnostics)
      io.stderr.write(`${formatDiagnostic(shownFrom(d, io.cwd))}\n`);
    return EXIT_CODES[error.kind];
  }
  if (error instanceof UsageError) {
    io.stderr.write(`preclear: ${error.message}\n`);
    return 2;
  }
  // The environment said no (read-only file or directory, full disk, a held
  // lock): say so in one line; it is not a bug of ours. (Imported here: only
  // commands that write reviews can throw these.)
  const { AtomicWriteError } = await import("../review/atomic.js");
  const { LockTimeoutError } = await import("../review/lock.js");
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

/**
 * The exit code of each kind of problem: 1 for a file that breaks a rule (as
 * findings are), 2 for input the run cannot use and for usage errors.
 */
export const EXIT_CODES: Record<DiagnosticKind, number> = {
  "invalid-input": 1,
  unevaluable: 2,
  usage: 2,
};

/** A diagnostic with its file shown relative to the working directory, the one place this is done. */
function shownFrom(d: Diagnostic, cwd: string): Diagnostic {
  if (!path.isAbsolute(d.location.file)) return d;
  return { ...d, location: { ...d.location, file: displayPath(d.location.file, cwd) } };
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
