/**
 * The commands, in the order `--help` lists them. Each is defined in its own
 * file, src/cli/define/<name>.ts (arguments, flags, typed options), which
 * imports its implementation, src/cli/commands/<name>.ts, only when the
 * command runs: `--help` and `--version` load no command, and `check` never
 * loads the prompt library.
 *
 * To add a command: write src/cli/commands/<name>.ts (the handler, returning
 * an exit code) and src/cli/define/<name>.ts (a CommandDefinition, see
 * ../define/check.ts), then add it to COMMANDS below.
 */
import type { Command } from "commander";
import { amend } from "../define/amend.js";
import { check } from "../define/check.js";
import { checklists } from "../define/checklists.js";
import { completion } from "../define/completion.js";
import { diff } from "../define/diff.js";
import { explain } from "../define/explain.js";
import { importResponses } from "../define/import.js";
import { init } from "../define/init.js";
import { keygen } from "../define/keygen.js";
import { packet } from "../define/packet.js";
import { collect } from "../define/registry.js";
import type { CommandDefinition, Registry } from "../define/registry.js";
import { report } from "../define/report.js";
import { respond } from "../define/respond.js";
import { review } from "../define/review.js";
import { schema } from "../define/schema.js";
import { signoff } from "../define/signoff.js";
import { validate } from "../define/validate.js";
import { verify } from "../define/verify.js";

export type { CommandDefinition, Registry } from "../define/registry.js";
/** For repeatable flags (in scope for registrations written inline below). */
export { collect };

export const COMMANDS: readonly CommandDefinition[] = [
  validate,
  explain,
  check,
  review,
  report,
  signoff,
  verify,
  packet,
  importResponses,
  respond,
  diff,
  amend,
  keygen,
  init,
  completion,
  checklists,
  schema,
];

export function register(program: Command, { globals, io, wrap }: Registry): void {
  for (const define of COMMANDS) define(program, { globals, io, wrap });
  // A command may also be registered inline here, with `globals`, `io` and
  // `wrap` in scope, importing its handler lazily (`await import("./x.js")`);
  // a definition file in ../define/ is the tidier home.
}
