/** What every command needs: config, checklist library, "today", colour. */
import { ChecklistLibrary } from "../core/load/checklist.js";
import { loadConfig } from "../core/load/config.js";
import type { Config } from "../core/load/config.js";
import { isCalendarDate, localToday } from "../core/evaluate/dates.js";
import { PreclearError } from "../core/diagnostics.js";
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
}

export class UsageError extends Error {}

export function createContext(options: GlobalOptions, io: CliIO): CommandContext {
  if (options.asOf !== undefined && !isCalendarDate(options.asOf)) {
    throw new UsageError(`--as-of must be a calendar date (YYYY-MM-DD), got "${options.asOf}"`);
  }
  const config = loadConfig(options.config, io.cwd);
  return {
    io,
    config,
    library: new ChecklistLibrary({
      searchPaths: config.checklistPaths,
      limits: config.limits,
      maxItems: config.limits.maxItems,
    }),
    asOf: options.asOf ?? localToday(),
    color: colorEnabled(options.color, io),
    allowOutside: options.allowOutside ?? config.allowOutside,
  };
}

export { PreclearError };
