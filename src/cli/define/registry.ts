/**
 * What a command's definition (src/cli/define/<name>.ts) is given to
 * register itself: the global options, the streams, and `wrap`, which turns
 * a handler returning an exit code into a commander action.
 *
 * A definition holds the command's arguments, flags and typed options, and
 * imports its implementation (src/cli/commands/<name>.ts) only when the
 * command runs: `preclear --help` loads no command, and `check` never loads
 * the prompt library.
 */
import type { Command } from "commander";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

export interface Registry {
  globals: (command: Command) => GlobalOptions;
  io: CliIO;
  wrap: (fn: (...args: never[]) => Promise<number>) => (...args: unknown[]) => Promise<void>;
}

/** Registers one command (and its subcommands) on the program. */
export type CommandDefinition = (program: Command, registry: Registry) => void;

/** For repeatable flags: every value given, in order. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
