/**
 * File-system faults: symlinked, read-only and full-disk reviews and outputs,
 * missing directories, paths that leave the project, outputs that would
 * overwrite an input, a reader that goes away. Whatever happens, no byte of
 * an existing review is lost: every test compares the bytes before and after.
 *
 * How the faults are produced:
 * - read-only FILE: a real `chmod 0444`. preclear refuses a file without write
 *   permission bits itself (an atomic rename would otherwise replace it, and
 *   root ignores permissions), so this holds in CI, which runs as root.
 * - read-only DIRECTORY: a real `chmod 0555`, with preclear run as an
 *   unprivileged user (uid/gid 65534, "nobody") when the tests run as root,
 *   since root ignores the mode; and simulated as well, through the injectable
 *   AtomicFs, by a rename that fails with EACCES as it does in such a directory.
 * - full disk: simulated through the injectable AtomicFs: the write stores half
 *   of the data and then fails with ENOSPC, as a real full disk does.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import { RunInputs, writeOutputs } from "../../src/cli/output.js";
import { PreclearError } from "../../src/core/diagnostics.js";
import { AtomicWriteError } from "../../src/review/atomic.js";
import { ReviewStore } from "../../src/review/store.js";
import { BIN, crashSigns, linesOf, REPO_ROOT, runCli, spawnCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

const DRAFT = "examples/zero-tolerance-2018.md";
const REVIEW = "examples/zero-tolerance-2018.review.yaml";
const AS_OF = "2018-04-01";
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

const temps: Array<{ remove: () => void }> = [];
afterAll(() => {
  for (const temp of temps) temp.remove();
});

/**
 * A throw-away project: the example draft and review, a local checklist with
 * a draft that uses it, a config file, and `.git` marking the project root.
 */
function project(): { root: string; bytes: (file: string) => Buffer } {
  const temp = tempDir();
  temps.push(temp);
  const root = path.join(temp.dir, "project");
  mkdirSync(path.join(root, ".git"), { recursive: true });
  cpSync(path.join(REPO_ROOT, "examples"), path.join(root, "examples"), { recursive: true });
  mkdirSync(path.join(root, "policies"));
  writeFileSync(
    path.join(root, "policies", "local.yaml"),
    "apiVersion: preclear/v1\nkind: Checklist\nid: local\ntitle: Local\nversion: 1.0.0\n" +
      "stakeholders:\n  - id: usms\n    name: U.S. Marshals Service\n",
  );
  writeFileSync(
    path.join(root, "policies", "memo.md"),
    "---\npreclear:\n  id: memo\n  title: Memo\n  issuanceDate: 2018-04-06\n  checklists: [./local.yaml]\n---\nText.\n",
  );
  writeFileSync(path.join(root, "preclear.config.yaml"), "failOn: error\n");
  return { root, bytes: (file) => readFileSync(path.join(root, file)) };
}

/** Temporary and lock files left beside a file. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(".tmp") || name.endsWith(".lock"));
}

/** Every line of `before` is still in `after`, in the same order. */
function keepsEveryLine(before: string, after: string): boolean {
  const lines = after.split("\n");
  let at = 0;
  for (const line of before.split("\n")) {
    at = lines.indexOf(line, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

const SIGNOFF = [
  "signoff",
  DRAFT,
  "--stakeholder",
  "usms",
  "--name",
  "J. Roe",
  "--title",
  "Assistant Director",
  "--force",
  "testing the file system",
  "--actor",
  "tester",
];

describe("a review that is a symbolic link", () => {
  test("a sign-off is written through to the target; the link stays a link; no line is lost", () => {
    const { root } = project();
    const target = path.join(root, "records", "zero-tolerance.review.yaml");
    mkdirSync(path.dirname(target));
    cpSync(path.join(root, REVIEW), target);
    const before = readFileSync(target, "utf8");
    const link = path.join(root, REVIEW);
    const relative = path.relative(path.dirname(link), target);
    rmSync(link);
    symlinkSync(relative, link);

    const result = spawnCli(["--as-of", AS_OF, ...SIGNOFF], { cwd: root });

    expect(crashSigns(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(relative);
    const after = readFileSync(target, "utf8");
    expect(after).toContain("- name: J. Roe");
    expect(keepsEveryLine(before, after)).toBe(true);
    expect(leftovers(path.dirname(target))).toEqual([]);
    expect(leftovers(path.dirname(link))).toEqual([]);
  });
});

describe("a review's bytes: encoding and line endings", () => {
  test("a byte order mark and CRLF line endings survive an edit", async () => {
    const { root } = project();
    const file = path.join(root, "bom-crlf.review.yaml");
    const lines = [
      "apiVersion: preclear/v1",
      "kind: Review",
      "draft: zero-tolerance-2018",
      "stakeholders:",
      "  usms:",
      "    items:",
      "      detention-capacity:",
      "        status: open # nobody has called yet",
    ];
    writeFileSync(file, `\uFEFF${lines.join("\r\n")}\r\n`);
    const store = await ReviewStore.open(file, {
      draftId: "zero-tolerance-2018",
      actor: "tester",
      now: () => new Date(Date.UTC(2018, 2, 20, 14, 2, 11)),
    });
    await store.setItemResponse("usms", "detention-capacity", { status: "in-progress" });
    const after = readFileSync(file, "utf8");
    expect(after.startsWith("\uFEFFapiVersion: preclear/v1\r\n")).toBe(true);
    expect(after).toContain("        status: in-progress # nobody has called yet\r\n");
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
  });

  test("a review that is not valid UTF-8 is refused at the bad byte, never rewritten", async () => {
    const { root } = project();
    const file = path.join(root, "latin1.review.yaml");
    const before = Buffer.concat([
      Buffer.from("apiVersion: preclear/v1\nkind: Review\ndraft: zero-tolerance-2018\n# Caf"),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    writeFileSync(file, before);
    await expect(ReviewStore.open(file, { draftId: "zero-tolerance-2018" })).rejects.toThrow(
      `${file}:4:6: not valid UTF-8 (byte 0xE9); save the file as UTF-8`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe("a read-only review file", () => {
  test("is left alone, byte for byte, with one line saying why (exit 2) — even for root", () => {
    const { root, bytes } = project();
    const before = bytes(REVIEW);
    chmodSync(path.join(root, REVIEW), 0o444);

    const result = spawnCli(["--as-of", AS_OF, ...SIGNOFF], { cwd: root });

    expect(crashSigns(result)).toEqual([]);
    expect(result.code).toBe(2);
    expect(linesOf(result.stderr).at(-1)).toBe(
      `preclear: could not save ${path.join(root, REVIEW)}: EACCES: the file is read-only (no write permission); the file was left unchanged`,
    );
    expect(bytes(REVIEW).equals(before)).toBe(true);
    expect(statSync(path.join(root, REVIEW)).mode & 0o777).toBe(0o444);
    expect(leftovers(path.join(root, "examples"))).toEqual([]);
  });
});

describe("a read-only directory", () => {
  test("a real read-only directory (as an unprivileged user): one line, exit 2, nothing lost", () => {
    const { root, bytes } = project();
    const before = bytes(REVIEW);
    // The unprivileged user must be able to reach the project (mkdtemp makes it 0700).
    chmodSync(path.dirname(root), 0o755);
    chmodSync(path.join(root, "examples"), 0o555);
    try {
      const child = spawnSync(process.execPath, [BIN, "--as-of", AS_OF, ...SIGNOFF], {
        cwd: root,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: root },
        timeout: 20_000,
        ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
      });
      const result = { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
      expect(crashSigns(result)).toEqual([]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr).at(-1)).toMatch(
        /^preclear: cannot create lock .*zero-tolerance-2018\.review\.yaml\.lock: EACCES: permission denied/,
      );
    } finally {
      chmodSync(path.join(root, "examples"), 0o755);
    }
    expect(bytes(REVIEW).equals(before)).toBe(true);
    expect(leftovers(path.join(root, "examples"))).toEqual([]);
  });

  test("simulated (the rename fails with EACCES): the review is intact and the next save works", async () => {
    const { root, bytes } = project();
    const file = path.join(root, REVIEW);
    const before = bytes(REVIEW);
    let readOnly = true;
    const store = await ReviewStore.open(file, {
      draftId: "zero-tolerance-2018",
      actor: "tester",
      fs: {
        rename: async (from, to) => {
          if (readOnly) {
            throw Object.assign(new Error(`EACCES: permission denied, rename '${from}'`), {
              code: "EACCES",
            });
          }
          const { rename } = await import("node:fs/promises");
          await rename(from, to);
        },
      },
    });

    await expect(
      store.setItemResponse("usms", "detention-capacity", { status: "in-progress" }),
    ).rejects.toThrow(AtomicWriteError);
    expect(bytes(REVIEW).equals(before)).toBe(true);
    expect(leftovers(path.dirname(file))).toEqual([]);

    readOnly = false;
    await store.setItemResponse("usms", "detention-capacity", { status: "in-progress" });
    expect(readFileSync(file, "utf8")).toContain("to: in-progress");
  });
});

describe("a full disk (simulated: the write stores half, then fails with ENOSPC)", () => {
  const fullDisk = {
    write: async (handle: FileHandle, data: string) => {
      await handle.writeFile(data.slice(0, Math.floor(data.length / 2)), "utf8");
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
        code: "ENOSPC",
      });
    },
  };

  test("an answer that cannot be saved leaves the review byte for byte as it was", async () => {
    const { root, bytes } = project();
    const file = path.join(root, REVIEW);
    const before = bytes(REVIEW);
    const store = await ReviewStore.open(file, {
      draftId: "zero-tolerance-2018",
      actor: "tester",
      fs: fullDisk,
    });

    await expect(
      store.setItemResponse("usms", "detention-capacity", {
        status: "satisfied",
        contact: "J. Roe",
        date: "2018-03-20",
      }),
    ).rejects.toThrow(
      `could not save ${file}: ENOSPC: no space left on device, write; the file was left unchanged`,
    );
    expect(bytes(REVIEW).equals(before)).toBe(true);
    expect(leftovers(path.dirname(file))).toEqual([]);
  });

  test("a `check -o` output that cannot be written leaves the previous output whole", async () => {
    const { root, bytes } = project();
    writeFileSync(path.join(root, "previous.sarif"), '{"previous": true}\n');
    const before = bytes("previous.sarif");

    const write = writeOutputs([{ file: "previous.sarif", text: "x".repeat(100_000) }], {
      cwd: root,
      inputs: new RunInputs(),
      allowOutside: false,
      fs: fullDisk,
    });

    await expect(write).rejects.toThrow(PreclearError);
    await expect(write).rejects.toThrow(
      "previous.sarif:1:1: output not written: cannot write it: ENOSPC: no space left on device; nothing was changed",
    );
    expect(bytes("previous.sarif").equals(before)).toBe(true);
    expect(leftovers(root)).toEqual([]);
  });
});

describe("outputs into directories that do not exist yet", () => {
  test("`check -o out/dir/x.sarif` creates the directories", async () => {
    const { root } = project();
    const result = await runCli(
      ["--as-of", AS_OF, "check", "examples", "-f", "sarif", "-o", "out/dir/x.sarif"],
      { cwd: root },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const log = JSON.parse(readFileSync(path.join(root, "out", "dir", "x.sarif"), "utf8")) as {
      version: string;
    };
    expect(log.version).toBe("2.1.0");
  });

  test("`report -o reports/2018/clearance.html` creates the directories", async () => {
    const { root } = project();
    const result = await runCli(
      ["--as-of", AS_OF, "report", DRAFT, "-f", "html", "-o", "reports/2018/clearance.html"],
      { cwd: root },
    );
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(root, "reports", "2018", "clearance.html"), "utf8")).toMatch(
      /^<!DOCTYPE html>/i,
    );
  });

  test("an output path that is a directory: one line, exit 2", async () => {
    const { root } = project();
    mkdirSync(path.join(root, "out.json"));
    const result = await runCli(["check", "examples", "-f", "json", "-o", "out.json"], {
      cwd: root,
    });
    expect(result.code).toBe(2);
    expect(linesOf(result.stderr)).toEqual([
      "out.json:1:1: output not written: it is a directory; name a file",
    ]);
  });
});

describe("a draft that names a file outside the project", () => {
  /** project/policies/memo.yaml whose `document` is ../../etc/passwd: outside project/. */
  function outsideDocument(document: string) {
    const { root } = project();
    const outside = path.join(path.dirname(root), "etc");
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, "passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    writeFileSync(
      path.join(root, "policies", "descriptor.yaml"),
      "apiVersion: preclear/v1\nkind: Draft\nid: descriptor\ntitle: Descriptor\n" +
        `issuanceDate: 2018-04-06\nchecklists: [./local.yaml]\ndocument: ${document}\n`,
    );
    return { root, outside };
  }

  const invalidFiles = (stdout: string) =>
    (
      JSON.parse(stdout) as {
        drafts: Array<{ findings: Array<{ ruleId: string; message: string }> }>;
      }
    ).drafts
      .flatMap((d) => d.findings)
      .filter((f) => f.ruleId === "invalid-file")
      .map((f) => f.message);

  test("`document: ../../etc/passwd` is refused at the `document` line", async () => {
    const { root } = outsideDocument("../../etc/passwd");
    const result = await runCli(["check", "policies/descriptor.yaml", "-f", "json"], {
      cwd: root,
    });
    expect(result.code).toBe(1);
    expect(invalidFiles(result.stdout)).toEqual([
      "`document` points outside the project (../../etc/passwd); move it inside, or pass --allow-outside",
    ]);
  });

  test("…and read (only to digest it) with --allow-outside", async () => {
    const { root, outside } = outsideDocument("../../etc/passwd");
    const result = await runCli(
      ["--allow-outside", "--as-of", AS_OF, "report", "policies/descriptor.yaml", "-f", "json"],
      { cwd: root },
    );
    expect(result.code).toBe(0);
    const digest = `sha256:${createHash("sha256")
      .update(readFileSync(path.join(outside, "passwd")))
      .digest("hex")}`;
    expect(
      (JSON.parse(result.stdout) as { digests: { draft: { contentDigest: string } } }).digests.draft
        .contentDigest,
    ).toBe(digest);
  });

  test("a symbolic link inside the project that leads outside is refused too", async () => {
    // A .pdf: its bytes are digested (a .docx would have to be a real Word document).
    const { root, outside } = outsideDocument("memo.pdf");
    symlinkSync(path.join(outside, "passwd"), path.join(root, "policies", "memo.pdf"));
    const result = await runCli(["check", "policies/descriptor.yaml", "-f", "json"], {
      cwd: root,
    });
    expect(invalidFiles(result.stdout)).toEqual([
      `\`document\` is a symbolic link to ${path.join(outside, "passwd")}, outside the project; move the file inside, or pass --allow-outside`,
    ]);
    const allowed = await runCli(
      ["--allow-outside", "check", "policies/descriptor.yaml", "-f", "json"],
      { cwd: root },
    );
    expect(invalidFiles(allowed.stdout)).toEqual([]);
  });

  test("a `document` that is a FIFO is refused at once, not read forever", () => {
    const { root } = outsideDocument("pipe.docx");
    const fifo = spawnSync("mkfifo", [path.join(root, "policies", "pipe.docx")]);
    if (fifo.status !== 0) throw new Error("mkfifo is needed for this test");
    const result = spawnCli(["check", "policies/descriptor.yaml", "-f", "json"], {
      cwd: root,
      timeoutMs: 10_000,
    });
    expect(result.timedOut).toBe(false);
    expect(invalidFiles(result.stdout)).toEqual([
      "cannot read `document` pipe.docx: a FIFO (named pipe), not a regular file",
    ]);
  });
});

describe("an output path that would overwrite an input", () => {
  test("`check -f json -o examples/zero-tolerance-2018.review.yaml` refuses (exit 2) and leaves the review intact", () => {
    const { root, bytes } = project();
    const before = bytes(REVIEW);
    const result = spawnCli(["check", "-f", "json", "-o", REVIEW], { cwd: root });
    expect(crashSigns(result)).toEqual([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(linesOf(result.stderr)).toEqual([
      `${REVIEW}:1:1: output not written: it is a review of this run; write the output somewhere else`,
    ]);
    expect(bytes(REVIEW).equals(before)).toBe(true);
  });

  test.each([
    ["the draft", ["check", "examples", "-f", "json", "-o", DRAFT], DRAFT, "a draft"],
    [
      "a checklist",
      ["check", "policies", "-f", "sarif", "-o", "policies/local.yaml"],
      "policies/local.yaml",
      "a checklist",
    ],
    [
      "the configuration",
      ["check", "examples", "-f", "junit", "-o", "preclear.config.yaml"],
      "preclear.config.yaml",
      "the configuration",
    ],
    [
      "the review, through a symbolic link",
      ["check", "examples", "-f", "json", "-o", "alias.json"],
      "alias.json",
      "a review",
    ],
    [
      "the review, from `report`",
      ["report", DRAFT, "-f", "markdown", "-o", REVIEW],
      REVIEW,
      "the review",
    ],
    [
      "the draft, from `report`",
      ["report", DRAFT, "-f", "html", "-o", `./examples/../${DRAFT}`],
      `./examples/../${DRAFT}`,
      "the draft",
    ],
  ])("%s: refused, exit 2, nothing changed", async (_name, args, output, what) => {
    const { root, bytes } = project();
    symlinkSync(REVIEW, path.join(root, "alias.json"));
    const inputs = [DRAFT, REVIEW, "policies/local.yaml", "preclear.config.yaml"];
    const before = inputs.map((file) => bytes(file));

    const result = await runCli(["--as-of", AS_OF, ...args], { cwd: root });

    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const shown = path.posix.normalize(output).replace(/^\.\//, "");
    expect(linesOf(result.stderr)).toEqual([
      `${shown}:1:1: output not written: it is ${what} of this run; write the output somewhere else`,
    ]);
    inputs.forEach((file, index) => expect(bytes(file).equals(before[index]!)).toBe(true));
  });

  test("two formats sent to one file: refused before either is written", async () => {
    const { root } = project();
    const result = await runCli(
      ["check", "examples", "-f", "json", "-o", "out.txt", "-f", "sarif", "-o", "out.txt"],
      { cwd: root },
    );
    expect(result.code).toBe(2);
    expect(linesOf(result.stderr)).toEqual([
      "out.txt:1:1: output not written: it is already the output of another --format",
    ]);
    expect(existsSync(path.join(root, "out.txt"))).toBe(false);
  });
});

describe("an output path that is a symbolic link", () => {
  test("inside the project, to a file inside: written through, the link kept", async () => {
    const { root } = project();
    mkdirSync(path.join(root, "reports"));
    writeFileSync(path.join(root, "reports", "real.sarif"), "old\n");
    symlinkSync("reports/real.sarif", path.join(root, "latest.sarif"));
    const result = await runCli(["check", "examples", "-f", "sarif", "-o", "latest.sarif"], {
      cwd: root,
    });
    expect(result.code).toBe(1);
    expect(lstatSync(path.join(root, "latest.sarif")).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(root, "reports", "real.sarif"), "utf8")).toContain('"2.1.0"');
  });

  test("inside the project, to a file outside (a planted link): refused unless --allow-outside", async () => {
    const { root } = project();
    const victim = path.join(path.dirname(root), "victim.txt");
    writeFileSync(victim, "precious\n");
    symlinkSync(victim, path.join(root, "results.sarif"));

    const refused = await runCli(["check", "examples", "-f", "sarif", "-o", "results.sarif"], {
      cwd: root,
    });
    expect(refused.code).toBe(2);
    expect(linesOf(refused.stderr)).toEqual([
      `results.sarif:1:1: output not written: it is a symbolic link to ${victim}, outside the project; remove the link, or pass --allow-outside`,
    ]);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");

    const allowed = await runCli(
      ["--allow-outside", "check", "examples", "-f", "sarif", "-o", "results.sarif"],
      { cwd: root },
    );
    expect(allowed.code).toBe(1);
    expect(readFileSync(victim, "utf8")).toContain('"2.1.0"');
  });

  test("an output the user names outside the project is theirs to choose", async () => {
    const { root } = project();
    const elsewhere = path.join(path.dirname(root), "elsewhere", "out.json");
    const result = await runCli(["check", "examples", "-f", "json", "-o", elsewhere], {
      cwd: root,
    });
    expect(result.code).toBe(1);
    expect(existsSync(elsewhere)).toBe(true);
  });
});

describe("a reader that goes away", () => {
  test("`preclear check -f json | head -c 64` ends quietly: no EPIPE stack trace", () => {
    const child = spawnSync(
      "sh",
      ["-c", `"${process.execPath}" "${BIN}" check examples -f json | head -c 64 >/dev/null`],
      { cwd: REPO_ROOT, encoding: "utf8", timeout: 20_000 },
    );
    expect(child.stderr).toBe("");
    expect(crashSigns({ code: 0, stdout: child.stdout, stderr: child.stderr })).toEqual([]);
  });
});
