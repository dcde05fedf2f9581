/**
 * Class 10 of issue 17: keys in the repository. Following the guide,
 * `keygen -o keys/` put the private key inside the repository, and a trust
 * directory holding a private key was used silently. Now keygen writes to
 * `$XDG_CONFIG_HOME/preclear/keys` (else `~/.config/preclear/keys`) by
 * default, refuses a directory inside a git work tree without --force, init
 * writes a .gitignore covering `*.key`, and a `.key` file anywhere under the
 * trusted-keys directory is an error (exit 2).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { linesOf, REPO_ROOT, runCli } from "../helpers/cli.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-keys-"));
  dirs.push(dir);
  return dir;
}

describe("keygen keeps private keys out of the project", () => {
  test("by default the keys go to $XDG_CONFIG_HOME/preclear/keys", async () => {
    const config = temp();
    const cwd = temp();
    const result = await runCli(["keygen", "--id", "usms-2018"], {
      cwd,
      env: { XDG_CONFIG_HOME: config },
    });
    expect(result.code).toBe(0);
    expect(existsSync(path.join(config, "preclear", "keys", "usms-2018.key"))).toBe(true);
    expect(existsSync(path.join(cwd, "usms-2018.key"))).toBe(false);
  });

  test("else ~/.config/preclear/keys, from HOME", async () => {
    const home = temp();
    const result = await runCli(["keygen", "--id", "usms-2018"], {
      cwd: temp(),
      env: { HOME: home },
    });
    expect(result.code).toBe(0);
    expect(existsSync(path.join(home, ".config", "preclear", "keys", "usms-2018.key"))).toBe(true);
  });

  test("inside a git work tree: refused (exit 2, nothing written) unless --force", async () => {
    const repo = temp();
    mkdirSync(path.join(repo, ".git"));
    const refused = await runCli(["keygen", "--id", "usms-2018", "-o", "keys"], { cwd: repo });
    expect(refused.code).toBe(2);
    expect(linesOf(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toContain("is inside the git work tree");
    expect(existsSync(path.join(repo, "keys", "usms-2018.key"))).toBe(false);
    const forced = await runCli(["keygen", "--id", "usms-2018", "-o", "keys", "--force"], {
      cwd: repo,
    });
    expect(forced.code).toBe(0);
    expect(existsSync(path.join(repo, "keys", "usms-2018.key"))).toBe(true);
  });
});

describe("init ignores private keys", () => {
  test("writes a .gitignore covering *.key, or adds the line to an existing one once", async () => {
    const fresh = temp();
    expect(
      (await runCli(["init", ".", "--title", "Memo", "--id", "memo"], { cwd: fresh })).code,
    ).toBe(0);
    expect(readFileSync(path.join(fresh, ".gitignore"), "utf8")).toMatch(/^\*\.key$/m);

    const existing = temp();
    writeFileSync(path.join(existing, ".gitignore"), "node_modules/");
    expect(
      (await runCli(["init", ".", "--title", "Memo", "--id", "memo"], { cwd: existing })).code,
    ).toBe(0);
    const text = readFileSync(path.join(existing, ".gitignore"), "utf8");
    expect(text.startsWith("node_modules/\n")).toBe(true);
    expect(text.match(/^\*\.key$/gm)).toHaveLength(1);
  });
});

describe("a private key under the trusted-keys directory", () => {
  test("is an error for verify and check, naming the file", async () => {
    const root = temp();
    mkdirSync(path.join(root, ".git"));
    cpSync(path.join(REPO_ROOT, "examples"), path.join(root, "examples"), { recursive: true });
    writeFileSync(path.join(root, "preclear.config.yaml"), "trustedKeys: keys\n");
    const made = await runCli(["keygen", "--id", "usms-2018", "-o", "keys/nested", "--force"], {
      cwd: root,
    });
    expect(made.code).toBe(0);
    for (const command of [
      ["verify", "examples/zero-tolerance-2018.md"],
      ["check", "examples"],
    ]) {
      const result = await runCli(["--as-of", "2018-04-01", ...command], { cwd: root });
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toContain(
        "keys/nested/usms-2018.key:1:1: a private key in the trusted-keys directory: move it out (keys belong in ~/.config/preclear/keys), never commit it, and make a new key if it ever was",
      );
    }
  });
});
