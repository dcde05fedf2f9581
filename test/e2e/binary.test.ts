/**
 * The built binary (bin/preclear.js) where the in-process tests cannot see:
 * exit code and streams of a real process, colour decided from the real
 * environment, file modes written by the real process.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { ANSI, spawnCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixtures.js";
import { expectNoPrivateKey, newProject } from "../signoff/helpers.js";

const VALIDATE_DIR = fixture("validate");

describe("bin/preclear.js validate", () => {
  test("prints the same position as in-process and exits 1", () => {
    const result = spawnCli(["validate", "unknown-depends-on.yaml"], { cwd: VALIDATE_DIR });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "✖ unknown-depends-on.yaml:10:17: `dependsOn` names unknown stakeholder `usao-swb`",
    );
    expect(result.stderr).toBe("");
  });

  test("honours FORCE_COLOR=1 and NO_COLOR=1", () => {
    const args = ["validate", "unknown-depends-on.yaml"];
    const forced = spawnCli(args, { cwd: VALIDATE_DIR, env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toMatch(ANSI);
    const plain = spawnCli(args, { cwd: VALIDATE_DIR, env: { NO_COLOR: "1" } });
    expect(plain.stdout).not.toMatch(ANSI);
    expect(plain.stdout).toContain("✖ unknown-depends-on.yaml:10:17:");
  });
});

describe("bin/preclear.js keygen", () => {
  test("writes the private key 0600 and never prints it", () => {
    const project = newProject();
    try {
      const result = spawnCli(["keygen", "--id", "bin-key", "-o", "keys"], { cwd: project.dir });
      expect(result.code).toBe(0);
      const keyFile = path.join(project.keys, "bin-key.key");
      if (process.platform !== "win32") expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expectNoPrivateKey(result, keyFile);
    } finally {
      project.remove();
    }
  });
});

describe("bin/preclear.js --version and --help", () => {
  test("--version (its start-up shortcut) prints what the CLI's own --version prints", async () => {
    const { runCli } = await import("../helpers/cli.js");
    const inProcess = await runCli(["--version"]);
    for (const flag of ["--version", "-v"]) {
      const result = spawnCli([flag]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe(inProcess.stdout);
    }
    expect(inProcess.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test("--help lists every command", async () => {
    const { COMMANDS } = await import("../../src/cli/commands/index.js");
    const result = spawnCli(["--help"]);
    expect(result.code).toBe(0);
    const listed = result.stdout.split("\n").filter((line) => /^ {2}[a-z]/.test(line));
    // One line per command, plus `help`.
    expect(listed.length).toBeGreaterThanOrEqual(COMMANDS.length + 1);
    expect(result.stdout).toContain("check [options] [paths...]");
  });
});
