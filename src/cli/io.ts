/** The CLI's view of the process, injected so commands can be tested without one. */
import { childProcess } from "../core/builtin.js";
import { realpathSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { isatty } from "node:tty";
import { terminalOutput } from "../core/terminal.js";

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * The root of the repository holding `dir` (`git rev-parse
   * --show-toplevel`), or undefined outside one. Absent: the project root
   * stands in (SARIF and GitHub paths are relative to it).
   */
  repositoryRoot?: (dir: string) => string | undefined;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Not process.stdin.isTTY: creating the stdin stream costs milliseconds
    // that commands which never read it would pay.
    stdinIsTTY: isatty(0),
    env: process.env,
    cwd: process.cwd(),
    repositoryRoot: gitTopLevel,
  };
}

/**
 * `git rev-parse --show-toplevel` run in `dir`, expressed through `dir`'s own
 * spelling (git prints the real path; `dir` may be reached by a symlink).
 */
export function gitTopLevel(dir: string): string | undefined {
  const run = childProcess().spawnSync("git", ["rev-parse", "--show-toplevel"], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 10_000,
  });
  const top = run.status === 0 ? run.stdout.trim() : "";
  if (top === "" || !path.isAbsolute(top)) return undefined;
  try {
    return path.resolve(dir, path.relative(realpathSync(dir), top));
  } catch {
    return top;
  }
}

/** Colour: --no-color / --color, then NO_COLOR, then FORCE_COLOR, then a TTY. */
export function colorEnabled(
  flag: boolean | undefined,
  io: CliIO,
  stream: "stdout" | "stderr" = "stdout",
): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return Boolean(io[stream].isTTY) && io.env.TERM !== "dumb";
}

/**
 * The same streams with every string written through terminalOutput, the
 * last line of defence of core/terminal.ts: whatever a command prints, no
 * control sequence but preclear's own colours reaches the terminal or log.
 * Bytes (a binary report) pass unchanged.
 */
export function sanitisedIO(io: CliIO): CliIO {
  const guard = <S extends CliIO["stdout"] | CliIO["stderr"]>(stream: S): S =>
    new Proxy(stream, {
      get(target, property, receiver) {
        if (property === "write") {
          return (chunk: unknown, ...rest: unknown[]) =>
            (target.write as (c: unknown, ...r: unknown[]) => unknown).call(
              target,
              typeof chunk === "string" ? terminalOutput(chunk) : chunk,
              ...rest,
            );
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === "function" ? (value as () => unknown).bind(target) : value;
      },
    });
  return { ...io, stdout: guard(io.stdout), stderr: guard(io.stderr) };
}
