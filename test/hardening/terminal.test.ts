/* eslint-disable no-control-regex -- the test looks for control characters */
/**
 * Class 5 of issue 17: terminal escapes. A checklist question that clears
 * the screen and prints a fake "ALL ITEMS SATISFIED"; an official's name in a
 * review that forges "✓ verified" lines; right-to-left overrides that reorder
 * what is shown. One sanitiser (src/core/terminal.ts) handles everything that
 * reaches a terminal — `check` in every format, `review`'s prompts and text,
 * `verify`, `explain`, `signoff`, `checklists show`, error lines — and shows
 * bidi controls as `<U+…>` (or `\u…` escapes in JSON) in every output format.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import os from "node:os";
import path from "node:path";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import { DEFAULT_LIMITS } from "../../src/core/load/yaml.js";
import { jsonText, terminalLine, terminalOutput } from "../../src/core/terminal.js";
import type { Prompter } from "../../src/review/prompts.js";
import { PromptCancelled } from "../../src/review/prompts.js";
import { Walk } from "../../src/review/walk.js";
import { runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixtures.js";

// The hostile checklist, also in the corpus (test/fixtures/hostile/terminal-escapes.yaml).
const HOSTILE_CHECKLIST = readFileSync(fixture("hostile", "terminal-escapes.yaml"), "utf8");
const RLO = "\u202E";
const FORGED = /^\s*(ALL ITEMS SATISFIED|✓ verified)/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project with the hostile checklist, a draft using it and a review signed by a hostile name. */
function project(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "preclear-terminal-"));
  dirs.push(root);
  mkdirSync(path.join(root, ".git"));
  writeFileSync(path.join(root, "hostile.yaml"), HOSTILE_CHECKLIST);
  writeFileSync(
    path.join(root, "memo.md"),
    `---\npreclear:\n  id: memo\n  title: "Memo \\e[2J ${RLO}txet"\n  issuanceDate: 2018-04-06\n  checklists: [./hostile.yaml]\n  review: memo.review.yaml\n---\nText.\n`,
  );
  writeFileSync(
    path.join(root, "memo.review.yaml"),
    [
      "apiVersion: preclear/v1",
      "kind: Review",
      "draft: memo",
      "stakeholders:",
      "  usms:",
      "    signoffs:",
      '      - name: "J. Roe\\r\\n  ✓ usms  signature verified\\n✓ verified\\e[8m"',
      '        title: "AD \\u202E"',
      "        date: 2018-04-01",
      "        digest: sha256:0000000000000000000000000000000000000000000000000000000000000000",
      "",
    ].join("\n"),
  );
  return root;
}

/** No control character but LF, no raw bidi control, no forged line. */
function expectSafe(text: string): void {
  expect(text).not.toMatch(CONTROL_BUT_LF);
  expect(text).not.toMatch(BIDI);
  for (const line of text.split("\n")) expect(line).not.toMatch(FORGED);
}

describe("one terminal sanitiser for every command", () => {
  const commands: Record<string, string[]> = {
    "check (stylish)": ["check", "memo.md", "--as-of", "2018-04-01"],
    explain: ["explain", "memo.md", "--as-of", "2018-04-01"],
    verify: ["verify", "memo.md", "--as-of", "2018-04-01"],
    "checklists show": ["--config", "cfg.yaml", "checklists", "show", "terminal-escapes"],
    "checklists list": ["--config", "cfg.yaml", "checklists", "list"],
    validate: ["validate", "hostile.yaml", "memo.review.yaml"],
    signoff: [
      "signoff",
      "memo.md",
      "--as-of",
      "2018-04-01",
      "--stakeholder",
      "usms",
      "--name",
      "A\u001b[2JB\nALL ITEMS SATISFIED",
      "--title",
      `T${RLO}`,
      "--force",
      "x",
    ],
  };
  for (const [name, args] of Object.entries(commands)) {
    test(`${name}: no escape sequence, no forged line, bidi shown`, async () => {
      const root = project();
      writeFileSync(path.join(root, "cfg.yaml"), "checklists: [.]\n");
      const result = await runCli(args, { cwd: root });
      expect(result.stdout + result.stderr).not.toBe("");
      expectSafe(result.stdout);
      expectSafe(result.stderr);
    });
  }

  for (const format of ["json", "sarif", "github", "junit", "markdown"]) {
    test(`check --format ${format}: no raw bidi control, no terminal control`, async () => {
      const root = project();
      const result = await runCli(["check", "memo.md", "--as-of", "2018-04-01", "-f", format], {
        cwd: root,
      });
      expect(result.stdout).not.toMatch(BIDI);
      expect(result.stdout).not.toMatch(/\u001b/);
    });
  }

  for (const format of ["html", "markdown", "json"]) {
    test(`report --format ${format}: no raw bidi control`, async () => {
      const root = project();
      const result = await runCli(["report", "memo.md", "--as-of", "2018-04-01", "-f", format], {
        cwd: root,
      });
      expect(result.stdout).not.toBe("");
      expect(result.stdout).not.toMatch(BIDI);
      expect(result.stdout).not.toMatch(/\u001b/);
    });
  }
});

describe("review: prompts and printed text", () => {
  test("the question cannot clear the screen or forge a line; the prompt shows bidi controls", async () => {
    const root = project();
    const shown: string[] = [];
    const prompter: Prompter = {
      confirm: () => Promise.reject(new PromptCancelled()),
      number: () => Promise.reject(new PromptCancelled()),
      input: () => Promise.reject(new PromptCancelled()),
      checkbox: () => Promise.reject(new PromptCancelled()),
      select: (o) => {
        shown.push(o.message, ...o.choices.map((c) => `${c.name} ${c.description ?? ""}`));
        return Promise.reject(new PromptCancelled());
      },
      print: (text) => shown.push(text),
    };
    const walk = new Walk({
      draftFile: path.join(root, "memo.md"),
      library: new ChecklistLibrary({ searchPaths: [], limits: DEFAULT_LIMITS }),
      asOf: "2018-04-01",
      prompter,
      color: true,
      actor: "tester",
    });
    await expect(walk.run()).rejects.toThrow(PromptCancelled);
    const text = shown.join("\n");
    expect(text).toContain("Is there capacity?");
    expect(text).toContain("<U+202E>");
    // With colour on, only preclear's own SGR sequences remain.
    const withoutOwnColour = text.replace(/\u001b\[(?:[0-9]|[1-9][0-9]|10[0-7])m/g, "");
    expectSafe(withoutOwnColour);
  });
});

describe("the sanitiser itself", () => {
  test("terminalLine: one line, no control, bidi shown", () => {
    expect(terminalLine(`a\u001b[2Jb\r\nc\u0007${RLO}d\u009b`)).toBe("a[2Jb c<U+202E>d");
  });
  test("terminalOutput keeps LF, tabs and preclear's colours; drops conceal, cursor moves and CR", () => {
    expect(terminalOutput("\u001b[31mred\u001b[39m\tx\n")).toBe("\u001b[31mred\u001b[39m\tx\n");
    expect(terminalOutput("a\u001b[8mhidden\u001b[2J\u001b[Hb\rc")).toBe("ahidden[2J[Hbc");
  });
  test("jsonText: bidi controls as \\u escapes, the data parses back exactly", () => {
    const value = { name: `x${RLO}y\u2066z\u2028` };
    const text = jsonText(value);
    expect(text).not.toMatch(BIDI);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("property: the sanitiser over arbitrary text", () => {
  // Text built from the characters that matter, so every run meets them.
  const hostileChar = fc.constantFrom(
    "\u001b",
    "[",
    "2",
    "J",
    "m",
    "8",
    ";",
    "\r",
    "\n",
    "\t",
    "\u0007",
    "\u009b",
    "\u202e",
    "\u2066",
    "\u200f",
    "\ud800",
    "a",
    " ",
    "✓",
  );
  const hostileText = fc.oneof(
    fc.array(hostileChar, { maxLength: 40 }).map((cs) => cs.join("")),
    fc.string({ unit: "binary", maxLength: 40 }),
  );

  test("terminalLine: one line, no control character, no raw bidi control, idempotent", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const line = terminalLine(text);
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(line).not.toMatch(BIDI);
        expect(terminalLine(line)).toBe(line);
      }),
      { numRuns: 500 },
    );
  });

  test("terminalOutput: no escape but preclear's own colours, no CR, no raw bidi control", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const out = terminalOutput(text).replace(/\u001b\[(?:[0-9]{1,3}(?:;[0-9]{1,3})*)?m/g, "");
        expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        expect(out).not.toMatch(BIDI);
      }),
      { numRuns: 500 },
    );
  });

  test("jsonText: parses back to the same data, with no raw bidi control", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const json = jsonText({ text });
        expect(json).not.toMatch(BIDI);
        expect((JSON.parse(json) as { text: string }).text).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
