import { execFileSync } from "node:child_process";
import { userInfo } from "node:os";
import { defaultActor } from "../../src/review/actor.js";
import { tempDir } from "./helpers.js";

/** An environment where git sees no global or system configuration. */
function isolatedEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
  };
}

describe("defaultActor", () => {
  test("is git's user.name in a repository that sets one", async () => {
    const repo = await tempDir();
    const env = isolatedEnv(repo);
    execFileSync("git", ["init", "--quiet"], { cwd: repo, env });
    execFileSync("git", ["config", "user.name", "J. Roe"], { cwd: repo, env });
    expect(defaultActor({ cwd: repo, env })).toBe("J. Roe");
  });

  test("falls back to the operating-system user when git has no name", async () => {
    const dir = await tempDir();
    expect(defaultActor({ cwd: dir, env: isolatedEnv(dir) })).toBe(userInfo().username);
  });
});
