import { RULE_IDS } from "../../src/core/rules/findings.js";
import { RULES } from "../../src/core/rules/meta.js";
import {
  FORMAT_NAMES,
  FORMATTERS,
  githubSummary,
  isFormatName,
} from "../../src/formatters/index.js";
import {
  checkResult,
  cleanResult,
  draft,
  finding,
  manyFindingsResult,
  OPTIONS,
  shuffled,
} from "../fixtures/formatters/findings.js";

describe("the formatter registry", () => {
  it("offers exactly the formats of SPEC section 7", () => {
    expect(Object.keys(FORMATTERS).sort()).toEqual(
      ["github", "json", "junit", "markdown", "sarif", "stylish"].sort(),
    );
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(FORMATTERS).sort());
  });

  it("recognises format names and rejects anything else", () => {
    expect(isFormatName("sarif")).toBe(true);
    expect(isFormatName("html")).toBe(false);
    expect(isFormatName("Stylish")).toBe(false);
    expect(isFormatName("toString")).toBe(false);
  });
});

describe("every rule id", () => {
  it.each(RULE_IDS)("%s has a description, a default level and a help link", (id) => {
    const rule = RULES[id];
    expect(rule.id).toBe(id);
    expect(["error", "warning", "note"]).toContain(rule.defaultLevel);
    expect(rule.shortDescription).not.toMatch(/\.$/);
    expect(rule.fullDescription.length).toBeGreaterThan(rule.shortDescription.length);
    expect(rule.helpUri).toBe(`https://github.com/preclear/preclear/blob/main/docs/rules.md#${id}`);
  });

  it("has the default levels of SPEC sections 7 and 15", () => {
    const warnings = RULE_IDS.filter((id) => RULES[id].defaultLevel === "warning");
    expect(warnings).toEqual([
      "overdue",
      "checklist-override",
      "dependency-order",
      "orphan-response",
      "tasking-missing",
      "input-missing",
      "snapshot-missing",
    ]);
    expect(RULE_IDS.filter((id) => RULES[id].defaultLevel === "note")).toEqual([
      "deemed-concurrence",
    ]);
    expect(RULES["item-open"].defaultLevel).toBe("error");
  });
});

const outputs = {
  ...FORMATTERS,
  "github summary": githubSummary,
};

describe.each(Object.entries(outputs))("the %s output", (_name, format) => {
  it("does not depend on the order drafts and findings arrive in", () => {
    const result = manyFindingsResult(5);
    const expected = format(result, OPTIONS);
    for (const seed of [1, 2, 3, 42]) {
      expect(format(shuffled(result, seed), OPTIONS)).toBe(expected);
    }
  });

  it("shows files inside the working directory relative to it", () => {
    const output = format(manyFindingsResult(2), OPTIONS);
    expect(output).toContain("drafts/zero-tolerance-2018");
    expect(output).not.toContain("/repo/drafts");
    expect(output).not.toContain("/repo/checklists");
  });

  it("renders a clean run and a run over no drafts", () => {
    expect(format(cleanResult(), OPTIONS)).toEqual(expect.any(String));
    expect(format(checkResult([]), OPTIONS)).toEqual(expect.any(String));
  });

  it("ends with a newline (or is empty) so outputs concatenate cleanly", () => {
    const output = format(checkResult([draft([finding()])]), OPTIONS);
    expect(output.endsWith("\n")).toBe(true);
  });
});
