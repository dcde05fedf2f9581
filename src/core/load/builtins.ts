/**
 * The built-in checklists as the build parsed them (dist/checklists.json,
 * written by src/build/precompile.ts). A checklist is served from there only
 * while its text and the checklist schema are what the build saw; otherwise
 * it is parsed and validated as any other checklist.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { DIST_URL } from "../root.js";
import path from "node:path";
import type { KnownChecks } from "../evaluate/cel.js";
import type { LoadedChecklist } from "./checklist.js";
import { schemaFileDigest } from "./schemas.js";
import type { Checklist } from "../types/checklist.js";
import { DEFAULT_LIMITS, deferredYaml } from "./yaml.js";
import type { LoadLimits } from "./yaml.js";

export interface PrecompiledChecklists {
  /** sha256 of schemas/checklist.schema.json the checklists were validated against. */
  schemaDigest: string;
  /**
   * By file name in checklists/: the sha256 of its text, and its value as JSON
   * text, parsed at each load so no two loads share (and could alter) objects.
   */
  checklists: Record<string, { digest: string; json: string }>;
  /**
   * The built-ins' CEL conditions that type-checked, each with the CEL types
   * of the facts it reads (see KnownChecks in ../evaluate/cel.ts).
   */
  celChecks?: Array<[string, Record<string, string>]>;
}

const PRECOMPILED = new URL("checklists.json", DIST_URL);

let cache: PrecompiledChecklists | null | undefined;

function precompiled(): PrecompiledChecklists | null {
  if (cache === undefined) {
    try {
      const read = JSON.parse(readFileSync(PRECOMPILED, "utf8")) as PrecompiledChecklists;
      cache = read.schemaDigest === schemaFileDigest("checklist.schema.json") ? read : null;
    } catch {
      cache = null; // running from src/, or never built
    }
  }
  return cache;
}

let knownChecks: KnownChecks | null | undefined;

/** The conditions the build found sound (empty when not built). */
export function precompiledCelChecks(): KnownChecks | undefined {
  if (knownChecks === undefined) {
    const checks = precompiled()?.celChecks;
    knownChecks = checks ? new Map(checks) : null;
  }
  return knownChecks ?? undefined;
}

/**
 * The built-in checklist `file` (whose `text` was just read) from the build's
 * parse, or undefined when it must be parsed: not built, changed since, or
 * limits tighter than the defaults the build parsed it under.
 */
export function precompiledChecklist(
  file: string,
  text: string,
  limits: LoadLimits,
  builtin: boolean,
): LoadedChecklist | undefined {
  // The build parsed under the default limits: any tighter one must be applied.
  const keys = Object.keys(DEFAULT_LIMITS) as Array<keyof LoadLimits>;
  if (keys.some((key) => limits[key] < DEFAULT_LIMITS[key])) return undefined;
  const entry = precompiled()?.checklists[path.basename(file)];
  if (!entry) return undefined;
  if (`sha256:${createHash("sha256").update(text).digest("hex")}` !== entry.digest)
    return undefined;
  const checklist = JSON.parse(entry.json) as Checklist;
  return { file, loaded: deferredYaml(file, text, checklist, limits), checklist, builtin };
}
