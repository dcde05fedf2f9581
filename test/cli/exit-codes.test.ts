/**
 * Exit codes are chosen at the edge (src/cli/main.ts) from the kind of
 * problem the core reports, and paths are shown relative to the working
 * directory there, once, whatever the command.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EXIT_CODES } from "../../src/cli/main.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

const BROKEN = `---
preclear:
  id: broken
  title: Broken
  checklists: [nope]
---
# Broken
`;

describe("exit codes and paths at the edge", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    temp = tempDir();
    writeFileSync(path.join(temp.dir, "broken.md"), BROKEN);
  });
  afterAll(() => temp.remove());

  test.each([
    ["report", ["report", "broken.md"]],
    ["explain", ["explain", "broken.md"]],
    ["verify", ["verify", "broken.md"]],
    ["signoff", ["signoff", "broken.md", "--stakeholder", "a", "--name", "b", "--title", "c"]],
  ])("%s: a draft too broken to evaluate is one relative line and exit 2", async (_, args) => {
    const result = await runCli(args, { cwd: temp.dir });
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^broken\.md:5:16: unknown checklist `nope`/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.code).toBe(2);
  });

  test("check: the same draft is an invalid-file finding (exit 1); a missing path is a usage error (exit 2)", async () => {
    const found = await runCli(["check", "broken.md", "-f", "json"], { cwd: temp.dir });
    expect(found.code).toBe(1);
    const findings = (JSON.parse(found.stdout) as { drafts: Array<{ findings: unknown[] }> })
      .drafts[0]!.findings;
    expect(findings).toMatchObject([{ ruleId: "invalid-file" }]);

    const missing = await runCli(["check", "nowhere"], { cwd: temp.dir });
    expect(missing.stderr).toBe("nowhere:1:1: no such file or directory\n");
    expect(missing.code).toBe(2);
  });

  test("each kind has its exit code", () => {
    expect(EXIT_CODES).toEqual({ "invalid-input": 1, unevaluable: 2, usage: 2 });
  });

  test("no exit code is chosen in src/core", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
      );
    const offenders = files(path.join(REPO_ROOT, "src", "core"))
      .filter((file) => file.endsWith(".ts"))
      .filter((file) => /\bexitCode\b|process\.exit/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(REPO_ROOT, file));
    expect(offenders).toEqual([]);
  });
});
