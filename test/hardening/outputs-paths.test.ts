/**
 * Class 8 of issue 17: outputs and paths.
 * - `-o` never replaces ANY file the run read: not only drafts, reviews,
 *   checklists and the config, but a descriptor's `document` (the policy
 *   text) and the trusted keys (core/load/files.ts records every file opened).
 * - A review reached through a symbolic link that leads out of the project is
 *   refused without --allow-outside (read and written there otherwise).
 * - `init` never writes through a symbolic link, dangling or not.
 * - A full standard output (`> /dev/full`) is one line and exit 2; so is an
 *   unhandled error in bin/.
 * - `-f json -o a -o b` and `--max-warnings ""` are usage errors (exit 2).
 * - `validate` prints each problem once, however many files lead to it.
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { BIN, crashSigns, linesOf, REPO_ROOT, runCli } from "../helpers/cli.js";

const AS_OF = "2018-04-01";
const DRAFT = "examples/zero-tolerance-2018.md";
const REVIEW = "examples/zero-tolerance-2018.review.yaml";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-outputs-"));
  dirs.push(dir);
  return dir;
}

function project(): string {
  const root = path.join(temp(), "project");
  mkdirSync(path.join(root, ".git"), { recursive: true });
  cpSync(path.join(REPO_ROOT, "examples"), path.join(root, "examples"), { recursive: true });
  return root;
}

const bytesOf = (root: string, file: string) => readFileSync(path.join(root, file));

describe("-o never replaces a file the run read", () => {
  test("`report -o` naming a descriptor's document (the policy text): refused, text intact", async () => {
    const root = project();
    writeFileSync(path.join(root, "policy.txt"), "The policy text.\n");
    writeFileSync(
      path.join(root, "memo.yaml"),
      "apiVersion: preclear/v1\nkind: Draft\nid: memo\ntitle: Memo\nissuanceDate: 2018-04-06\ndocument: policy.txt\nchecklists: [doj-significant-policy]\n",
    );
    const result = await runCli(
      ["--as-of", AS_OF, "report", "memo.yaml", "-f", "html", "-o", "policy.txt"],
      { cwd: root },
    );
    expect(result.code).toBe(2);
    expect(linesOf(result.stderr)).toEqual([
      "policy.txt:1:1: output not written: it is an input of this run; write the output somewhere else",
    ]);
    expect(bytesOf(root, "policy.txt").toString()).toBe("The policy text.\n");
  });

  test("`check -o` naming the trusted-keys file: refused, keys intact", async () => {
    const root = project();
    writeFileSync(path.join(root, "preclear.config.yaml"), "trustedKeys: trusted-keys.yaml\n");
    const keys = "apiVersion: preclear/v1\nkind: TrustedKeys\nkeys: []\n";
    writeFileSync(path.join(root, "trusted-keys.yaml"), keys);
    const result = await runCli(
      ["--as-of", AS_OF, "check", "examples", "-f", "json", "-o", "trusted-keys.yaml"],
      { cwd: root },
    );
    expect(result.code).toBe(2);
    expect(linesOf(result.stderr)).toEqual([
      "trusted-keys.yaml:1:1: output not written: it is an input of this run; write the output somewhere else",
    ]);
    expect(bytesOf(root, "trusted-keys.yaml").toString()).toBe(keys);
  });

  test("a previous run's output that discovery only sniffed is not an input: replaced as usual", async () => {
    const root = project();
    writeFileSync(path.join(root, "examples", "summary.md"), "# old summary\n");
    const result = await runCli(
      ["--as-of", AS_OF, "check", "examples", "-f", "markdown", "-o", "examples/summary.md"],
      { cwd: root },
    );
    expect(result.stderr).toBe("");
    expect(bytesOf(root, "examples/summary.md").toString()).not.toBe("# old summary\n");
  });
});

describe("a review that is a symbolic link out of the project", () => {
  function linkedOut(): { root: string; outside: string } {
    const root = project();
    const outside = path.join(temp(), "elsewhere.review.yaml");
    cpSync(path.join(root, REVIEW), outside);
    rmSync(path.join(root, REVIEW));
    symlinkSync(outside, path.join(root, REVIEW));
    return { root, outside };
  }

  test("check refuses it, at the draft, naming where it leads", async () => {
    const { root, outside } = linkedOut();
    const result = await runCli(["--as-of", AS_OF, "check", DRAFT, "-f", "json"], { cwd: root });
    expect(result.code).toBe(1);
    const messages = (
      JSON.parse(result.stdout) as { drafts: Array<{ findings: Array<{ message: string }> }> }
    ).drafts.flatMap((d) => d.findings.map((f) => f.message));
    expect(messages).toContain(
      `the review zero-tolerance-2018.review.yaml is a symbolic link to ${outside}, outside the project; move it inside, or pass --allow-outside`,
    );
  });

  test("signoff does not write through it; with --allow-outside it does", async () => {
    const { root, outside } = linkedOut();
    const before = readFileSync(outside);
    const signoff = [
      "--as-of",
      AS_OF,
      "signoff",
      DRAFT,
      "--stakeholder",
      "usms",
      "--name",
      "J. Roe",
      "--title",
      "AD",
      "--force",
      "test",
    ];
    const refused = await runCli(signoff, { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "outside the project; move it inside, or pass --allow-outside",
    );
    expect(readFileSync(outside).equals(before)).toBe(true);
    const allowed = await runCli(["--allow-outside", ...signoff], { cwd: root });
    expect(allowed.code).toBe(0);
    expect(readFileSync(outside, "utf8")).toContain("J. Roe");
  });
});

describe("init and symbolic links", () => {
  test("a dangling symlink where init would write: nothing written, nothing created at its target", async () => {
    const root = project();
    const dir = path.join(root, "new");
    mkdirSync(dir);
    const target = path.join(temp(), "planted.md");
    symlinkSync(target, path.join(dir, "memo.md"));
    for (const force of [[], ["--force"]]) {
      const result = await runCli(["init", "new", "--title", "Memo", "--id", "memo", ...force], {
        cwd: root,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("memo.md is a symbolic link");
      expect(existsSync(target)).toBe(false);
      expect(lstatSync(path.join(dir, "memo.md")).isSymbolicLink()).toBe(true);
    }
  });
});

describe("the process edge", () => {
  test("`check … > /dev/full`: one line, exit 2, no stack trace", () => {
    if (!existsSync("/dev/full")) return;
    const full = openSync("/dev/full", "w");
    try {
      const child = spawnSync(process.execPath, [BIN, "--as-of", AS_OF, "check", DRAFT], {
        cwd: REPO_ROOT,
        stdio: ["ignore", full, "pipe"],
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(child.status).toBe(2);
      expect(linesOf(child.stderr)).toEqual(["preclear: cannot write to standard output: ENOSPC"]);
    } finally {
      closeSync(full);
    }
  });

  test("an unhandled error in bin/: one line, exit 2", () => {
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        'data:text/javascript,setTimeout(() => { throw new Error("boom\\nsecond line") }, 200)',
        BIN,
        "--version",
      ],
      { cwd: REPO_ROOT, encoding: "utf8", timeout: 20_000 },
    );
    expect(child.status).toBe(2);
    expect(linesOf(child.stderr)).toEqual(["preclear: internal error: boom"]);
  });

  test("an error thrown while the CLI runs: one line, exit 2", () => {
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        'data:text/javascript,process.stdout.write = () => { throw new Error("kaput") }',
        BIN,
        "--as-of",
        AS_OF,
        "check",
        DRAFT,
      ],
      { cwd: REPO_ROOT, encoding: "utf8", timeout: 20_000 },
    );
    expect(child.status).toBe(2);
    expect(linesOf(child.stderr)).toEqual(["preclear: internal error: kaput"]);
  });
});

describe("usage errors, not guesses", () => {
  test("`-f json -o a -o b`: exit 2, neither file written", async () => {
    const root = project();
    const result = await runCli(
      ["--as-of", AS_OF, "check", DRAFT, "-f", "json", "-o", "a.json", "-o", "b.json"],
      { cwd: root },
    );
    expect(result.code).toBe(2);
    expect(linesOf(result.stderr)).toEqual([
      "preclear: --output b.json follows --output a.json for the same --format json; give each output its own --format",
    ]);
    expect(existsSync(path.join(root, "a.json"))).toBe(false);
    expect(existsSync(path.join(root, "b.json"))).toBe(false);
  });

  test("one -o without a format still takes the default format", async () => {
    const root = project();
    const result = await runCli(["--as-of", AS_OF, "check", DRAFT, "-o", "out.txt"], {
      cwd: root,
    });
    expect(result.code).toBe(1);
    expect(readFileSync(path.join(root, "out.txt"), "utf8")).toContain("problem");
  });

  test.each(["", " ", "1e3", "-1", "0x10", "1.5"])(
    '--max-warnings "%s" is a usage error',
    async (value) => {
      const result = await runCli(["--as-of", AS_OF, "check", DRAFT, "--max-warnings", value]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([
        `preclear: --max-warnings must be a whole number, got "${value}"`,
      ]);
    },
  );
});

describe("validate prints each problem once", () => {
  test("a checklist's problem, reached by the checklist, a draft using it and the same path twice", async () => {
    const root = project();
    writeFileSync(
      path.join(root, "bad.yaml"),
      "apiVersion: preclear/v1\nkind: Checklist\nid: bad\ntitle: B\nversion: 1.0.0\nstakeholders:\n  - id: usms\n    name: U\n    appliesWhen: facts.nope\n",
    );
    writeFileSync(
      path.join(root, "memo.md"),
      "---\npreclear:\n  id: memo\n  title: M\n  issuanceDate: 2018-04-06\n  checklists: [./bad.yaml]\n---\nText.\n",
    );
    const result = await runCli(["validate", "bad.yaml", "./bad.yaml", "memo.md"], { cwd: root });
    expect(result.code).toBe(1);
    const problems = linesOf(result.stdout).filter((line) => line.startsWith("✖ "));
    expect(problems).toEqual([
      "✖ bad.yaml:9:24: CEL: unknown fact or field `nope` (is it declared under facts:?)",
    ]);
    expect(linesOf(result.stdout).at(-1)).toBe("2 of 2 files invalid (1 problem)");
    expect(crashSigns(result)).toEqual([]);
  });
});
