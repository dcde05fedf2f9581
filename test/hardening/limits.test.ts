/**
 * The documented limits (docs/security.md, schemas/config.schema.json): file
 * size, nesting depth, alias expansions, items (and stakeholders) per
 * checklist, drafts per run. Each one, when exceeded, gives one clear line
 * naming the config key that raises it — and raising that key lets the same
 * input through.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import type { CliResult } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

const HEADER =
  "apiVersion: preclear/v1\nkind: Checklist\nid: limits\ntitle: Limits\nversion: 1.0.0\n";

const temps: Array<{ remove: () => void }> = [];
afterAll(() => {
  for (const temp of temps) temp.remove();
});

/** A project directory holding `files`; returns its path. */
function projectWith(files: Record<string, string>): string {
  const temp = tempDir();
  temps.push(temp);
  mkdirSync(path.join(temp.dir, ".git"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(temp.dir, name)), { recursive: true });
    writeFileSync(path.join(temp.dir, name), text);
  }
  return temp.dir;
}

/** `validate file`, first without a config, then with `limits: {key: value}`. */
async function validateWithAndWithout(
  dir: string,
  file: string,
  limit: string,
): Promise<{ strict: CliResult; raised: CliResult }> {
  const strict = await runCli(["validate", file], { cwd: dir });
  writeFileSync(path.join(dir, "raised.config.yaml"), `limits:\n  ${limit}\n`);
  const raised = await runCli(["--config", "raised.config.yaml", "validate", file], { cwd: dir });
  return { strict, raised };
}

/** A valid checklist with `n` items under one stakeholder. */
function checklistWithItems(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) => `      - id: item-${i + 1}\n        question: Question ${i + 1}?\n`,
  ).join("");
  return `${HEADER}stakeholders:\n  - id: usms\n    name: U.S. Marshals Service\n    items:\n${items}`;
}

describe("file size: limits.maxFileBytes (default 1 MiB)", () => {
  test("a checklist over the limit is refused before it is parsed; raising the key lets it in", async () => {
    const dir = projectWith({
      "big.yaml": `${HEADER}description: ${"x".repeat(6000)}\nstakeholders: []\n`,
    });
    writeFileSync(path.join(dir, "preclear.config.yaml"), "limits:\n  maxFileBytes: 4096\n");
    const strict = await runCli(["validate", "big.yaml"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout.split("\n")[0]).toBe(
      "✖ big.yaml:1:1: file is 6.0 KiB, larger than the 4.0 KiB limit (raise limits.maxFileBytes in preclear.config.yaml if this is intended)",
    );
    writeFileSync(path.join(dir, "preclear.config.yaml"), "limits:\n  maxFileBytes: 8192\n");
    const raised = await runCli(["validate", "big.yaml"], { cwd: dir });
    expect(raised.stdout).toBe("✔ big.yaml (checklist)\n1 file valid\n");
    expect(raised.code).toBe(0);
  });

  test("the same limit holds for drafts and reviews, with the same message", async () => {
    const dir = projectWith({
      "preclear.config.yaml": "limits:\n  maxFileBytes: 2048\n",
      "memo.md": `---\npreclear:\n  id: memo\n  title: Memo\n  checklists: [base-policy]\n---\n${"Policy text. ".repeat(200)}\n`,
      "review.yaml": `apiVersion: preclear/v1\nkind: Review\ndraft: memo\n# ${"x".repeat(3000)}\n`,
    });
    const draft = await runCli(["check", "memo.md", "-f", "json"], { cwd: dir });
    expect(draft.stdout).toContain(
      "larger than the 2.0 KiB limit (raise limits.maxFileBytes in preclear.config.yaml if this is intended)",
    );
    const review = await runCli(["validate", "review.yaml"], { cwd: dir });
    expect(review.stdout.split("\n")[0]).toBe(
      "✖ review.yaml:1:1: file is 3.0 KiB, larger than the 2.0 KiB limit (raise limits.maxFileBytes in preclear.config.yaml if this is intended)",
    );
  });
});

describe("nesting: limits.maxDepth (default 64)", () => {
  test("65 levels are refused at the first level too deep; raising the key removes that error", async () => {
    const dir = projectWith({
      "deep.yaml": `${HEADER}stakeholders: ${"[".repeat(64)}${"]".repeat(64)}\n`,
    });
    const { strict, raised } = await validateWithAndWithout(dir, "deep.yaml", "maxDepth: 100");
    expect(strict.stdout.split("\n")[0]).toBe("✖ deep.yaml:6:78: nesting deeper than 64 levels");
    // Past the depth check, the schema has its own say about lists of lists.
    expect(raised.stdout).not.toContain("nesting deeper");
    expect(raised.stdout).toContain("deep.yaml:6:");
  });
});

describe("aliases: limits.maxAliasCount (default 100)", () => {
  test("a checklist reusing one anchor 120 times is refused by default, accepted when raised", async () => {
    const items = Array.from(
      { length: 120 },
      (_, i) => `      - id: item-${i}\n        question: Q${i}?\n        sources: *cite\n`,
    ).join("");
    const dir = projectWith({
      "aliases.yaml": `${HEADER}sources:\n  - id: oig\n    title: OIG 21-028\nstakeholders:\n  - id: usms\n    name: USMS\n    items:\n      - id: first\n        question: Q?\n        sources: &cite [oig]\n${items}`,
    });
    const { strict, raised } = await validateWithAndWithout(
      dir,
      "aliases.yaml",
      "maxAliasCount: 1000",
    );
    expect(strict.stdout.split("\n")[0]).toBe(
      "✖ aliases.yaml:1:1: too many alias expansions (more than 100); is this an alias bomb?",
    );
    expect(raised.stdout).toBe("✔ aliases.yaml (checklist)\n1 file valid\n");
  });
});

describe("items per checklist: limits.maxItems (default 2000)", () => {
  test("2,001 items are refused at the 2,001st; raising the key accepts them", async () => {
    const dir = projectWith({ "items.yaml": checklistWithItems(2001) });
    const { strict, raised } = await validateWithAndWithout(dir, "items.yaml", "maxItems: 5000");
    expect(strict.code).toBe(1);
    // Item 2,001 starts on line 4,010: nine lines of header, then two lines per item.
    expect(strict.stdout.split("\n")[0]).toBe(
      "✖ items.yaml:4010:9: more than 2000 items in the resolved checklist (limits); split it, or raise limits.maxItems in preclear.config.yaml",
    );
    expect(raised.code).toBe(0);
  });

  test("2,000 items are fine by default", async () => {
    const dir = projectWith({ "items.yaml": checklistWithItems(2000) });
    const result = await runCli(["validate", "items.yaml"], { cwd: dir });
    expect(result.stdout).toBe("✔ items.yaml (checklist)\n1 file valid\n");
  });

  test("items are counted across `extends`, as the resolved checklist has them", async () => {
    const base = checklistWithItems(1500);
    const extension = checklistWithItems(1500)
      .replace("id: limits", "id: limits-more\nextends: [limits]")
      .replace(/item-(\d+)/g, "extra-$1");
    const dir = projectWith({ "base.yaml": base, "more.yaml": extension });
    const result = await runCli(["validate", "more.yaml"], { cwd: dir });
    expect(result.stdout.split("\n")[0]).toMatch(
      /^✖ more\.yaml:\d+:9: more than 2000 items in the resolved checklist \(limits-more\); split it, or raise limits\.maxItems in preclear\.config\.yaml$/,
    );
  });

  test("stakeholders count against the same limit", async () => {
    const stakeholders = Array.from(
      { length: 2001 },
      (_, i) => `  - id: office-${i + 1}\n    name: Office ${i + 1}\n`,
    ).join("");
    const dir = projectWith({ "offices.yaml": `${HEADER}stakeholders:\n${stakeholders}` });
    const { strict, raised } = await validateWithAndWithout(dir, "offices.yaml", "maxItems: 3000");
    expect(strict.stdout.split("\n")[0]).toBe(
      "✖ offices.yaml:4007:5: more than 2000 stakeholders in the resolved checklist (limits); split it, or raise limits.maxItems in preclear.config.yaml",
    );
    expect(raised.code).toBe(0);
  });
});

describe("drafts per run: limits.maxDrafts (default 10,000)", () => {
  const draft = (id: string) =>
    `---\npreclear:\n  id: ${id}\n  title: ${id}\n  checklists: [base-policy]\n---\nText.\n`;

  test("more drafts than the limit: one line, exit 2, nothing evaluated; raising the key runs them", async () => {
    const dir = projectWith({
      "policies/a.md": draft("a"),
      "policies/b.md": draft("b"),
      "policies/c.md": draft("c"),
      "preclear.config.yaml": "limits:\n  maxDrafts: 2\n",
    });
    const strict = await runCli(["check", "policies"], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe("");
    expect(strict.stderr).toBe(
      "policies:1:1: found 3 drafts, more than the limit of 2 (raise limits.maxDrafts in preclear.config.yaml)\n",
    );
    writeFileSync(path.join(dir, "preclear.config.yaml"), "limits:\n  maxDrafts: 3\n");
    const raised = await runCli(["check", "policies", "-f", "json"], { cwd: dir });
    expect((JSON.parse(raised.stdout) as { drafts: unknown[] }).drafts).toHaveLength(3);
  });
});

describe("every limit is documented", () => {
  const schema = JSON.parse(
    readFileSync(path.join(REPO_ROOT, "schemas", "config.schema.json"), "utf8"),
  ) as { properties: { limits: { properties: Record<string, { description?: string }> } } };
  const keys = Object.keys(schema.properties.limits.properties);

  test("the config schema has the five limits, each with a description giving its default", () => {
    expect(keys.sort()).toEqual([
      "maxAliasCount",
      "maxDepth",
      "maxDrafts",
      "maxFileBytes",
      "maxItems",
    ]);
    for (const key of keys) {
      expect(schema.properties.limits.properties[key]!.description).toMatch(/\(default [\d.]+/);
    }
  });

  test("docs/security.md names each limit's config key", () => {
    const doc = readFileSync(path.join(REPO_ROOT, "docs", "security.md"), "utf8");
    for (const key of keys) expect(doc).toContain(`limits.${key}`);
  });
});
