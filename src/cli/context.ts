/** What every command needs: config, checklist library, "today", colour. */
import type { ChecklistLibrary } from "../core/load/checklist.js";
import type { Config } from "../core/load/config.js";
import { isCalendarDate } from "../core/evaluate/dates.js";
import { PreclearError } from "../core/diagnostics.js";
import { openProject } from "../core/project.js";
import type { Project } from "../core/project.js";
import { UsageError } from "./errors.js";
import { colorEnabled } from "./io.js";
import type { CliIO } from "./io.js";

export interface GlobalOptions {
  color?: boolean;
  asOf?: string;
  config?: string;
  allowOutside?: boolean;
}

export interface CommandContext {
  io: CliIO;
  config: Config;
  library: ChecklistLibrary;
  asOf: string;
  color: boolean;
  allowOutside: boolean;
  /** The same, as the core's pipeline takes it (core/project.ts). */
  project: Project;
}

export { UsageError };

export function createContext(options: GlobalOptions, io: CliIO): CommandContext {
  if (options.asOf !== undefined && !isCalendarDate(options.asOf)) {
    throw new UsageError(`--as-of must be a calendar date (YYYY-MM-DD), got "${options.asOf}"`);
  }
  const project = openProject({
    cwd: io.cwd,
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.allowOutside !== undefined ? { allowOutside: options.allowOutside } : {}),
  });
  return {
    io,
    config: project.config,
    library: project.library,
    asOf: project.asOf,
    color: colorEnabled(options.color, io),
    allowOutside: project.allowOutside,
    project,
  };
}

export { PreclearError };
