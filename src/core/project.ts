/**
 * A project as every run over drafts sees it: its configuration, its
 * checklist library, "today", and the options of the per-draft pipeline
 * (core/check.ts) — the sign-off rules over its trusted keys and its rule
 * levels. The CLI (src/cli/context.ts) and the library (src/index.ts) both
 * open a project here, so `check`, `report` and `import { check }` agree.
 */
import path from "node:path";
import type { CheckOptions } from "./check.js";
import { PreclearError } from "./diagnostics.js";
import { isCalendarDate, localToday } from "./evaluate/dates.js";
import { ChecklistLibrary } from "./load/checklist.js";
import { loadConfig } from "./load/config.js";
import { discoverDrafts } from "./load/discover.js";
import type { Config } from "./load/config.js";
import { signoffRules } from "./signing/signoff.js";
import { loadTrustedKeysFor } from "./signing/trust.js";

export interface ProjectOptions {
  /** Absolute directory the project is opened from: the config is searched from here up. */
  cwd: string;
  /** A preclear.config.yaml to use instead of searching for one. */
  config?: string;
  /** The date deadlines are judged against (YYYY-MM-DD; default: today, local time). */
  asOf?: string;
  /** Let drafts name documents and reviews outside the project root (default: the config's). */
  allowOutside?: boolean;
  /** The clock for the default `asOf`. */
  now?: Date;
}

export interface Project {
  cwd: string;
  config: Config;
  library: ChecklistLibrary;
  asOf: string;
  allowOutside: boolean;
}

/**
 * Load the configuration and set up the checklist library. Throws a
 * PreclearError on an unusable config, a RangeError on a malformed `asOf`
 * (a caller's mistake, not a file's).
 */
export function openProject(options: ProjectOptions): Project {
  if (options.asOf !== undefined && !isCalendarDate(options.asOf)) {
    throw new RangeError(`asOf must be a calendar date (YYYY-MM-DD), got "${options.asOf}"`);
  }
  const config = loadConfig(options.config, options.cwd);
  return {
    cwd: options.cwd,
    config,
    library: new ChecklistLibrary({
      searchPaths: config.checklistPaths,
      limits: config.limits,
      maxItems: config.limits.maxItems,
    }),
    asOf: options.asOf ?? localToday(options.now),
    allowOutside: options.allowOutside ?? config.allowOutside,
  };
}

/**
 * Every draft under `paths` (files or directories, relative to the project's
 * directory), as absolute paths, within the configured limit.
 */
export function findDrafts(project: Project, paths: readonly string[]): string[] {
  const files = discoverDrafts(paths, project.cwd);
  const limit = project.config.limits.maxDrafts;
  if (files.length > limit) {
    throw new PreclearError(
      {
        location: { file: paths.join(" "), line: 1, column: 1 },
        message: `found ${files.length} drafts, more than the limit of ${limit} (raise limits.maxDrafts in preclear.config.yaml)`,
      },
      "usage",
    );
  }
  return files.map((file) => path.resolve(project.cwd, file));
}

/** The per-draft pipeline's options for this project: what `check` and `report` both run. */
export function pipelineOptions(project: Project): CheckOptions {
  return {
    asOf: project.asOf,
    library: project.library,
    allowOutside: project.allowOutside,
    extraRules: signoffRules(loadTrustedKeysFor(project.config, project.cwd), {
      technicalAmendments: project.config.technicalAmendments,
      requireSignatures: project.config.requireSignatures,
      owners: project.config.owners,
    }),
    ruleLevels: project.config.rules,
  };
}
