/**
 * Run the BUILT binary and measure what it cost.
 *
 * How: the child is `node --import report-usage.mjs bin/preclear.js …`. The
 * preloaded module writes `process.resourceUsage()` on exit: `maxRSS` is the
 * kernel's peak resident set of that process (getrusage), and CPU time is user
 * + system. This measures the real binary, start-up included, with no polling
 * (polling /proc/<pid>/status can miss a peak just before exit) and without
 * /usr/bin/time (not on every CI image).
 *
 * The time bound is CPU time: on a loaded two-core runner, wall time mostly
 * measures the neighbours. Wall time is still bounded by the kill timeout, so
 * a hang fails the test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assertBuiltCli, BIN, REPO_ROOT } from "../../helpers/cli.js";
import type { SpawnResult } from "../../helpers/cli.js";

const REPORTER = pathToFileURL(
  path.join(path.dirname(fileURLToPath(import.meta.url)), "report-usage.mjs"),
).href;

export interface Measured extends SpawnResult {
  /** Peak resident memory of the child, in bytes (NaN when it did not report). */
  maxRssBytes: number;
  /** CPU time (user + system) of the child, in milliseconds. */
  cpuMs: number;
}

export interface MeasureOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Kill the child after this long (default 20 s). */
  timeoutMs?: number;
}

export const MIB = 1024 * 1024;

export function measureCli(args: readonly string[], options: MeasureOptions = {}): Measured {
  assertBuiltCli();
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-usage-"));
  const usageFile = path.join(dir, "usage.json");
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  Object.assign(env, options.env, { PRECLEAR_USAGE_FILE: usageFile });
  try {
    const child = spawnSync(process.execPath, ["--import", REPORTER, BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env,
      encoding: "utf8",
      timeout: options.timeoutMs ?? 20_000,
      maxBuffer: 64 * MIB,
    });
    let usage = { maxRssBytes: Number.NaN, cpuMs: Number.NaN };
    if (existsSync(usageFile)) usage = JSON.parse(readFileSync(usageFile, "utf8")) as typeof usage;
    return {
      code: child.status ?? -1,
      stdout: child.stdout ?? "",
      stderr: child.stderr ?? "",
      timedOut: (child.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT",
      ...usage,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
