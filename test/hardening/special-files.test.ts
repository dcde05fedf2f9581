/**
 * Class 2 of issue 17: files that are not regular files. Every kind of file
 * preclear reads — checklist, draft document, review, review fragment,
 * config, trusted keys, `--key` — goes through one reader
 * (src/core/load/files.ts: readRegularFile) that opens the path once, checks
 * on that descriptor that it is a regular file of at most the size limit, and
 * reads no more than the limit. A symlink to /dev/zero (which would be read
 * for ever) and a FIFO (which would block the open or the read) are refused
 * with one line. These run the BUILT binary with a kill timeout, so a run that
 * hangs or reads for ever fails the test instead of hanging jest.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { readRegularFile, FileReadError } from "../../src/core/load/files.js";
import { crashSigns, linesOf, REPO_ROOT, spawnCli } from "../helpers/cli.js";

const AS_OF = "2018-04-01";
const DRAFT = "examples/zero-tolerance-2018.md";
const REVIEW = "examples/zero-tolerance-2018.review.yaml";
const POSIX = process.platform !== "win32";
const HAS_DEV_ZERO = POSIX;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "preclear-special-"));
  dirs.push(root);
  mkdirSync(path.join(root, ".git"));
  cpSync(path.join(REPO_ROOT, "examples"), path.join(root, "examples"), { recursive: true });
  return root;
}

type Hostile = "symlink to /dev/zero" | "FIFO";
const KINDS: Hostile[] = ["symlink to /dev/zero", "FIFO"];

/** Replace `file` (relative to root) by the hostile kind of file. */
function plant(root: string, file: string, kind: Hostile): void {
  const full = path.join(root, file);
  rmSync(full, { force: true });
  mkdirSync(path.dirname(full), { recursive: true });
  if (kind === "FIFO") execFileSync("mkfifo", [full]);
  else symlinkSync("/dev/zero", full);
}

const SIGNOFF = [
  "signoff",
  DRAFT,
  "--stakeholder",
  "usms",
  "--name",
  "J. Roe",
  "--title",
  "AD",
  "--force",
  "testing",
];

interface Case {
  /** The file replaced, relative to the project root. */
  file: string;
  /** Other files the case needs. */
  setup?: (root: string) => void;
  args: string[];
  /** What the refusal names the file as. */
  what: string;
}

const CASES: Record<string, Case> = {
  checklist: { file: "local.yaml", args: ["validate", "local.yaml"], what: "file" },
  "checklist named by a draft": {
    file: "local.yaml",
    setup: (root) =>
      writeFileSync(
        path.join(root, "memo.md"),
        "---\npreclear:\n  id: memo\n  title: Memo\n  issuanceDate: 2018-04-06\n  checklists: [./local.yaml]\n---\nText.\n",
      ),
    args: ["check", "memo.md", "--as-of", AS_OF],
    what: "checklist",
  },
  draft: { file: "memo.md", args: ["check", "memo.md", "--as-of", AS_OF], what: "draft" },
  // --allow-outside: a symlink to /dev/zero also leads out of the project
  // (refused for that too); the reader must refuse it on its own.
  review: {
    file: REVIEW,
    args: ["check", DRAFT, "--as-of", AS_OF, "--allow-outside"],
    what: "review",
  },
  "review, through the store (signoff)": {
    file: REVIEW,
    args: ["--as-of", AS_OF, "--allow-outside", ...SIGNOFF],
    what: "review",
  },
  config: {
    file: "preclear.config.yaml",
    args: ["check", DRAFT, "--as-of", AS_OF],
    what: "config",
  },
  "trusted keys": {
    file: "keys.yaml",
    setup: (root) =>
      writeFileSync(path.join(root, "preclear.config.yaml"), "trustedKeys: keys.yaml\n"),
    args: ["verify", DRAFT],
    what: "trusted keys",
  },
  "--key": {
    file: "signer.key",
    args: ["--as-of", AS_OF, ...SIGNOFF, "--key", "signer.key"],
    what: "key",
  },
  "draft document": {
    file: "policy.txt",
    setup: (root) =>
      writeFileSync(
        path.join(root, "memo.yaml"),
        "apiVersion: preclear/v1\nkind: Draft\nid: memo\ntitle: Memo\nissuanceDate: 2018-04-06\ndocument: policy.txt\nchecklists: [doj-significant-policy]\n",
      ),
    // --allow-outside: a symlink to /dev/zero leads out of the project; the reader must refuse it too.
    args: ["check", "memo.yaml", "--as-of", AS_OF, "--allow-outside"],
    what: "`document` policy.txt",
  },
};

(HAS_DEV_ZERO ? describe : describe.skip)("files that are not regular files are refused", () => {
  for (const [name, c] of Object.entries(CASES)) {
    for (const kind of KINDS) {
      test(`${name}: a ${kind} → one line "not a regular file", no hang, no stack trace`, () => {
        const root = project();
        c.setup?.(root);
        plant(root, c.file, kind);
        const result = spawnCli(c.args, { cwd: root, timeoutMs: 15_000 });
        expect(result.timedOut).toBe(false);
        expect(crashSigns(result)).toEqual([]);
        expect([1, 2]).toContain(result.code);
        const refusal = [...linesOf(result.stdout), ...linesOf(result.stderr)].filter((line) =>
          line.includes("not a regular file"),
        );
        expect(refusal).toHaveLength(1);
        expect(refusal[0]).toContain(`cannot read ${c.what}: `);
        expect(refusal[0]).toContain(
          kind === "FIFO" ? "a FIFO (named pipe)" : "a character device",
        );
      });
    }
  }
});

describe("readRegularFile: the one reader", () => {
  test("reads a regular file whole; refuses one over the limit by the size on the descriptor", () => {
    const dir = project();
    const file = path.join(dir, "f.txt");
    writeFileSync(file, "hello");
    expect(readRegularFile(file, 5).toString()).toBe("hello");
    expect(() => readRegularFile(file, 4)).toThrow(FileReadError);
    expect(() => readRegularFile(file, 4)).toThrow(
      "file is 5 bytes, larger than the 4 bytes limit",
    );
  });

  (HAS_DEV_ZERO ? test : test.skip)(
    "a device is refused before a byte is read, whatever the limit",
    () => {
      expect(() => readRegularFile("/dev/zero", Number.MAX_SAFE_INTEGER)).toThrow(
        "a character device, not a regular file",
      );
    },
  );

  test("a directory is refused", () => {
    const dir = project();
    expect(() => readRegularFile(dir, 1024)).toThrow("a directory, not a regular file");
  });
});
