/** preclear.config.yaml: found by walking up from the working directory to the repository root. */
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MAX_ITEMS } from "./checklist.js";
import { PreclearError } from "../diagnostics.js";
import type { Level, RuleId } from "../rules/findings.js";
import { decodeUtf8, readInputBytes } from "./files.js";
import { validateAgainst } from "./schemas.js";
import { DEFAULT_LIMITS, parseYaml } from "./yaml.js";
import type { LoadLimits } from "./yaml.js";

export const CONFIG_FILE = "preclear.config.yaml";

export interface Config {
  /** The config file, when there is one. */
  file?: string;
  checklistPaths: string[];
  trustedKeys?: string;
  failOn?: Level;
  format?: string[];
  rules: Partial<Record<RuleId, Level | "off">>;
  limits: LoadLimits & { maxDrafts: number; maxItems: number };
  allowOutside: boolean;
  /** Sign-offs must be signed (signature-required); default: true once trustedKeys is set. */
  requireSignatures: boolean;
  /** Review fragment file name → the stakeholders whose sign-offs it may hold (besides its own name). */
  owners: Record<string, string[]>;
  /** What clearance packets say on their cover (SPEC section 14). */
  packet: { marking?: string; from?: string; pointOfContact?: string };
  /** `technicalAmendments: allowed`: sign-offs survive `preclear amend --technical`. */
  technicalAmendments: boolean;
}

interface ConfigFile {
  checklists?: string[];
  trustedKeys?: string;
  failOn?: Level;
  format?: string[];
  rules?: Partial<Record<RuleId, Level | "off">>;
  limits?: {
    maxFileBytes?: number;
    maxDepth?: number;
    maxAliasCount?: number;
    maxDrafts?: number;
    maxItems?: number;
  };
  allowOutside?: boolean;
  requireSignatures?: boolean;
  owners?: Record<string, string[]>;
  packet?: { marking?: string; from?: string; pointOfContact?: string };
  technicalAmendments?: "allowed" | "forbidden";
}

export const DEFAULT_MAX_DRAFTS = 10_000;

/** The config file that applies in `cwd`: the nearest one up to the repository root. */
export function findConfig(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (existsSync(path.join(dir, ".git"))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfig(explicit: string | undefined, cwd: string): Config {
  const file = explicit ? path.resolve(cwd, explicit) : findConfig(cwd);
  const config: Config = {
    checklistPaths: [],
    rules: {},
    limits: { ...DEFAULT_LIMITS, maxDrafts: DEFAULT_MAX_DRAFTS, maxItems: DEFAULT_MAX_ITEMS },
    allowOutside: false,
    requireSignatures: false,
    owners: {},
    packet: {},
    technicalAmendments: false,
  };
  if (!file) return config;
  const shown = path.relative(cwd, file) || file;
  // The config holds the limits, so it is read with the default one.
  const bytes = readInputBytes(file, DEFAULT_LIMITS.maxBytes, "config", shown, "unevaluable");
  const loaded = parseYaml(shown, decodeUtf8(shown, bytes));
  const value = (loaded.value ?? {}) as ConfigFile;
  const diagnostics = validateAgainst("config", loaded, value);
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "unevaluable");
  const dir = path.dirname(file);
  config.file = file;
  config.checklistPaths = (value.checklists ?? []).map((p) => path.resolve(dir, p));
  if (value.trustedKeys) config.trustedKeys = path.resolve(dir, value.trustedKeys);
  if (value.failOn) config.failOn = value.failOn;
  if (value.format) config.format = value.format;
  config.rules = { ...(value.rules ?? {}) };
  const limits = value.limits ?? {};
  config.limits = {
    maxBytes: limits.maxFileBytes ?? DEFAULT_LIMITS.maxBytes,
    maxDepth: limits.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxAliasCount: limits.maxAliasCount ?? DEFAULT_LIMITS.maxAliasCount,
    maxDrafts: limits.maxDrafts ?? DEFAULT_MAX_DRAFTS,
    maxItems: limits.maxItems ?? DEFAULT_MAX_ITEMS,
  };
  config.allowOutside = value.allowOutside ?? false;
  // On by default once there is a trust list: an unsigned sign-off is then a forgery waiting to happen.
  config.requireSignatures = value.requireSignatures ?? config.trustedKeys !== undefined;
  config.owners = { ...(value.owners ?? {}) };
  config.packet = { ...(value.packet ?? {}) };
  config.technicalAmendments = value.technicalAmendments === "allowed";
  return config;
}
