import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { RULES } from "../src/core/rules/meta.js";
import { RULE_IDS } from "../src/core/rules/findings.js";

const ROOT = process.cwd();

describe("documentation", () => {
  it("docs/rules.md has a section for every rule id, with its description (SARIF helpUri targets)", () => {
    const text = readFileSync(path.join(ROOT, "docs", "rules.md"), "utf8");
    for (const id of RULE_IDS) {
      expect(text).toContain(`## ${id}\n`);
      expect(text).toContain(RULES[id].shortDescription);
      expect(RULES[id].helpUri).toMatch(new RegExp(`docs/rules\\.md#${id}$`));
    }
  });

  it("docs/commands.md is the current --help of every command", () => {
    expect(() =>
      execFileSync(
        process.execPath,
        [path.join(ROOT, "docs", "generate-commands.mjs"), "--check"],
        {
          stdio: "pipe",
        },
      ),
    ).not.toThrow();
  });

  it("the README opens with the set-up command and the test command", () => {
    const head = readFileSync(path.join(ROOT, "README.md"), "utf8")
      .split("\n")
      .slice(0, 8)
      .join("\n");
    expect(head).toContain("npm ci && npm run build && node bin/preclear.js check examples/");
    expect(head).toContain("npm test");
  });
});
