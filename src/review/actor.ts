/**
 * Who is answering, for the review's history: `git config user.name` (what
 * the commit will say anyway), else the operating-system user.
 */
import { childProcess } from "../core/builtin.js";
import { userInfo } from "node:os";

export interface ActorOptions {
  /** Directory whose git configuration applies (default: the current directory). */
  cwd?: string;
  /** Environment for git (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export function defaultActor(options: ActorOptions = {}): string {
  try {
    const name = childProcess()
      .execFileSync("git", ["config", "user.name"], {
        cwd: options.cwd,
        env: options.env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 5000,
      })
      .trim();
    if (name) return name;
  } catch {
    // No git, or no user.name configured.
  }
  try {
    const name = userInfo().username.trim();
    if (name) return name;
  } catch {
    // No passwd entry for this uid (common in containers).
  }
  const env = options.env ?? process.env;
  return env.USER?.trim() || env.USERNAME?.trim() || "unknown";
}
