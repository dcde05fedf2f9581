/**
 * Class 9 of issue 17: discovery. `check .` skipped drafts whose front
 * matter quotes `"preclear":`, uses flow style, or whose descriptor is JSON;
 * and with no draft found it printed "no problems" and exited 0, so a renamed
 * draft passed CI in silence. Discovery now reads the head of each file with
 * the real YAML parser (src/core/load/sniff.ts); no draft found is exit 2
 * with a message, unless --allow-empty.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { looksLikeDraft } from "../../src/core/load/draft.js";
import { linesOf, runCli } from "../helpers/cli.js";
import { fixture } from "../helpers/fixtures.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "preclear-discovery-"));
  dirs.push(root);
  mkdirSync(path.join(root, ".git"));
  return root;
}

const SPELLINGS = [
  "draft-quoted-preclear-key.md",
  "draft-flow-style.md",
  "draft-descriptor-json.yaml",
];

describe("check . finds drafts in every YAML spelling", () => {
  test("quoted key, flow style and a JSON descriptor are all found and checked", async () => {
    const root = project();
    const dir = path.join(root, "policies");
    mkdirSync(dir);
    for (const file of [...SPELLINGS, "corpus-checklist.yaml", "draft-lf.md"]) {
      cpSync(fixture("hostile", file), path.join(dir, file));
    }
    const result = await runCli(["--as-of", "2018-04-01", "check", ".", "-f", "json"], {
      cwd: root,
    });
    const found = (JSON.parse(result.stdout) as { drafts: Array<{ file: string }> }).drafts.map(
      (d) => d.file,
    );
    expect(found).toEqual(
      [
        "draft-descriptor-json.yaml",
        "draft-flow-style.md",
        "draft-lf.md",
        "draft-quoted-preclear-key.md",
      ].map((f) => path.join("policies", f)),
    );
  });

  test("a .json descriptor is found too; a checklist, a review or package.json is not a draft", async () => {
    const root = project();
    writeFileSync(path.join(root, "package.json"), '{"name": "x", "kind": "Draftsman"}\n');
    writeFileSync(
      path.join(root, "memo.json"),
      '{"apiVersion": "preclear/v1", "kind": "Draft", "id": "memo", "title": "Memo", "issuanceDate": "2018-04-06", "document": "memo.txt", "checklists": ["doj-significant-policy"]}\n',
    );
    writeFileSync(path.join(root, "memo.txt"), "Text.\n");
    writeFileSync(
      path.join(root, "notes.yaml"),
      "apiVersion: preclear/v1\nkind: Checklist\nid: notes\ntitle: N\nversion: 1.0.0\nstakeholders:\n  - id: x\n    name: X\n    items:\n      - id: kind\n        question: 'kind: Draft'\n",
    );
    const result = await runCli(["--as-of", "2018-04-01", "check", ".", "-f", "json"], {
      cwd: root,
    });
    const found = (JSON.parse(result.stdout) as { drafts: Array<{ file: string }> }).drafts.map(
      (d) => d.file,
    );
    expect(found).toEqual(["memo.json"]);
  });

  test("a broken draft is still found (and reported), not skipped", async () => {
    const root = project();
    writeFileSync(
      path.join(root, "broken.md"),
      '---\n"preclear": {id: broken, title: [unclosed\n---\nText.\n',
    );
    const result = await runCli(["--as-of", "2018-04-01", "check", ".", "-f", "json"], {
      cwd: root,
    });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { drafts: Array<{ file: string }> }).drafts).toHaveLength(
      1,
    );
  });
});

describe("no draft found", () => {
  test("is exit 2 with a message saying what was looked for", async () => {
    const root = project();
    writeFileSync(path.join(root, "README.md"), "# nothing here\n");
    const result = await runCli(["check", "."], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(linesOf(result.stderr)).toEqual([
      "preclear: no drafts found under . (Markdown with a `preclear:` front-matter key, or YAML with `kind: Draft`); pass --allow-empty if that is expected",
    ]);
  });

  test("with --allow-empty: no problems, exit 0", async () => {
    const root = project();
    const result = await runCli(["check", ".", "--allow-empty"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("no problems");
  });
});

describe("property: a front matter with a preclear key is a draft in any spelling", () => {
  test("block, quoted, flow, JSON; with other keys around it", () => {
    const key = fc.constantFrom("preclear", '"preclear"', "'preclear'");
    const other = fc.constantFrom("title: x", '"layout": post', "tags: [a, b]", "# a comment");
    fc.assert(
      fc.property(key, fc.array(other, { maxLength: 3 }), fc.boolean(), (k, others, flow) => {
        const front = flow
          ? `{${[...others.filter((o) => !o.startsWith("#")), `${k}: {id: memo}`].join(", ")}}`
          : [...others, `${k}:`, "  id: memo"].join("\n");
        expect(looksLikeDraft("memo.md", `---\n${front}\n---\nText.\n`)).toBe(true);
        expect(
          looksLikeDraft("memo.md", `---\n${front.replace(/preclear/g, "other")}\n---\n`),
        ).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
