/**
 * Drive the CLI the two ways a user can meet it: in-process through `run()`
 * (fast, with a captured CliIO) and as the built `bin/preclear.js` in a child
 * process (the real binary: exit code and streams; its wall time is never
 * recorded, so no test can bound it — speed targets live in `npm run bench`).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { staleReason } from "../../src/build/freshness.mjs";
import { run } from "../../src/cli/main.js";
import type { CliIO } from "../../src/cli/io.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = path.join(REPO_ROOT, "bin", "preclear.js");

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*m/;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory the command sees (default: the repository root). */
  cwd?: string;
  /** The whole environment the command sees (default: empty, so no colour). */
  env?: Record<string, string | undefined>;
  /** Pretend stdout is a terminal. */
  stdoutIsTTY?: boolean;
}

/** Run the CLI in-process with captured output; never touches the real process streams. */
export async function runCli(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
      isTTY: options.stdoutIsTTY ?? false,
      columns: 100,
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
      isTTY: false,
    },
    stdinIsTTY: false,
    env: options.env ?? {},
    cwd: options.cwd ?? REPO_ROOT,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

export interface SpawnResult extends CliResult {
  /** Set when the child was killed for running past the timeout. */
  timedOut: boolean;
}

export interface SpawnOptions {
  cwd?: string;
  /** Added to a copy of this process's environment (colour variables removed first). */
  env?: Record<string, string>;
  /** Kill the child after this long (default 10 s). */
  timeoutMs?: number;
}

let builtCliChecked = false;

/**
 * Before running bin/preclear.js: refuse in the `unit` project (the test
 * belongs in `e2e`, see jest.config.js) and when dist/ is not the build of the
 * current sources (the e2e and slow projects build first; see test/setup/build.mjs).
 */
export function assertBuiltCli(): void {
  if (process.env.PRECLEAR_TEST_PROJECT === "unit") {
    throw new Error(
      "unit tests run in-process: list this file under E2E in jest.config.js to run bin/preclear.js",
    );
  }
  if (builtCliChecked) return;
  const reason = staleReason(REPO_ROOT);
  if (reason) throw new Error(`dist/ is stale (${reason}): run \`npm run build\` first`);
  builtCliChecked = true;
}

/** Run the BUILT binary as a child process (see assertBuiltCli). */
export function spawnCli(args: readonly string[], options: SpawnOptions = {}): SpawnResult {
  assertBuiltCli();
  const env: Record<string, string | undefined> = { ...process.env };
  // Jest sets FORCE_COLOR for its workers; a child must decide colour itself.
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  Object.assign(env, options.env);
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 10_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const timedOut = (child.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  return {
    code: child.status ?? -1,
    stdout: child.stdout ?? "",
    stderr: child.stderr ?? "",
    timedOut,
  };
}

/** Non-empty lines of a stream. */
export function linesOf(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== "");
}

/** Lines that report a position, `file:line:col: message`, in either stream. */
export function positionedLines(result: CliResult): string[] {
  return [...linesOf(result.stdout), ...linesOf(result.stderr)].filter((line) =>
    /\S+:\d+:\d+: /.test(line),
  );
}

/** Signs of a crash rather than a message: a stack trace or Node internals. */
export function crashSigns(result: CliResult): string[] {
  return [...linesOf(result.stdout), ...linesOf(result.stderr)].filter(
    (line) => /^\s+at /.test(line) || line.includes("node:internal"),
  );
}
