import { stylish } from "../../src/formatters/stylish.js";
import {
  checkResult,
  cleanResult,
  draft,
  DRAFT_FILE,
  finding,
  OPTIONS,
} from "../fixtures/formatters/findings.js";

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

function typicalResult() {
  return checkResult([
    draft([
      finding({
        ruleId: "capacity-shortfall",
        message: "Confirmed capacity 1200 is below the demand of 3000",
        line: 14,
        column: 19,
      }),
      finding({
        ruleId: "decision-missing",
        message: "HHS/ORR has not recorded a decision",
        stakeholder: "hhs-orr",
        item: undefined,
        line: 102,
        column: 5,
      }),
      finding({
        ruleId: "overdue",
        level: "warning",
        message: "Due 2018-03-07, 30 days before issuance",
        line: 9,
        column: 7,
      }),
      finding({
        ruleId: "fact-missing",
        level: "note",
        message: "custody has no value",
        stakeholder: undefined,
        item: undefined,
        file: DRAFT_FILE,
        line: 8,
        column: 3,
      }),
    ]),
  ]);
}

describe("stylish output", () => {
  it("groups findings by the file to edit, in reading order, with aligned columns", () => {
    expect(stylish(typicalResult(), OPTIONS)).toBe(
      [
        "",
        "drafts/zero-tolerance-2018.md",
        "  8:3  note  fact-missing  custody has no value",
        "",
        "drafts/zero-tolerance-2018.review.yaml",
        "    9:7   warning  overdue             Due 2018-03-07, 30 days before issuance",
        "   14:19  error    capacity-shortfall  Confirmed capacity 1200 is below the demand of 3000",
        "  102:5   error    decision-missing    HHS/ORR has not recorded a decision",
        "",
        "✖ 4 problems (2 errors, 1 warning, 1 note)",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to fix", () => {
    expect(stylish(cleanResult(), OPTIONS)).toBe("✔ no problems (1 draft checked)\n");
  });

  it("counts singulars and plurals in the summary", () => {
    const one = checkResult([draft([finding()])]);
    expect(stylish(one, OPTIONS)).toMatch(/✖ 1 problem \(1 error, 0 warnings, 0 notes\)\n$/);
  });

  it("has no ANSI codes when colour is off, and some when it is on", () => {
    expect(stylish(typicalResult(), OPTIONS)).not.toMatch(ANSI);
    expect(stylish(cleanResult(), OPTIONS)).not.toMatch(ANSI);
    const coloured = stylish(typicalResult(), { ...OPTIONS, color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain("\u001b[4mdrafts/zero-tolerance-2018.md\u001b[24m");
  });

  it("keeps each finding on one line and lets no message drive the terminal", () => {
    const hostile = finding({ message: "line one\nline two\r\n\u001b[2J\u0007 done" });
    const output = stylish(checkResult([draft([hostile])]), OPTIONS);
    expect(output).not.toContain("\u001b");
    expect(output).not.toContain("\u0007");
    expect(output).toContain("line one line two [2J done");
    expect(output.split("\n")).toHaveLength(6);
  });

  it("names the draft when one file holds findings of several drafts", () => {
    const checklist = "/repo/checklists/base.yaml";
    const result = checkResult([
      draft([finding({ file: checklist, ruleId: "invalid-file", message: "bad" })]),
      draft(
        [
          finding({
            file: checklist,
            ruleId: "invalid-file",
            message: "bad",
            draft: "/repo/drafts/other.md",
            draftId: "other",
          }),
        ],
        {
          file: "/repo/drafts/other.md",
          draftId: "other",
        },
      ),
    ]);
    const output = stylish(result, OPTIONS);
    expect(output).toContain("[other] bad");
    expect(output).toContain("[zero-tolerance-2018] bad");
  });

  it("shows a file outside the working directory by its full path", () => {
    const outside = finding({ file: "/elsewhere/shared.review.yaml" });
    expect(stylish(checkResult([draft([outside])]), OPTIONS)).toContain(
      "\n/elsewhere/shared.review.yaml\n",
    );
  });
});
