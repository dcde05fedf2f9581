import { stylish } from "../../src/formatters/stylish.js";
import { runCli } from "../helpers/cli.js";
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
  it("groups a draft's findings by office, worst office first, with a summary line each", () => {
    expect(stylish(typicalResult(), OPTIONS)).toBe(
      [
        "",
        "drafts/zero-tolerance-2018.md  zero-tolerance-2018 · Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)",
        "  edit drafts/zero-tolerance-2018.review.yaml unless a line says otherwise",
        "  ✖ usms: 1 capacity shortfall, 1 overdue item · 1 error, 1 warning",
        "      14:19  error    capacity-shortfall  Confirmed capacity 1200 is below the demand of 3000",
        "      9:7    warning  overdue             Due 2018-03-07, 30 days before issuance",
        "  ✖ hhs-orr: 1 decision missing · 1 error",
        "      102:5  error  decision-missing  HHS/ORR has not recorded a decision",
        "  ℹ whole draft: 1 missing fact · 1 note",
        "      drafts/zero-tolerance-2018.md:8:3  note  fact-missing  custody has no value",
        "",
        "✖ 4 problems (2 errors, 1 warning, 1 note)",
        "Blocks issuance: 1 capacity shortfall, 1 decision missing.",
        "",
      ].join("\n"),
    );
  });

  it("puts a non-concurrence before everything else and says what blocks issuance", () => {
    const result = checkResult([
      draft([
        finding({ stakeholder: "aaa", item: "one", message: "blocker item aaa/one is open: Q?" }),
        finding({
          ruleId: "non-concurrence",
          stakeholder: "zzz",
          item: undefined,
          message: "ZZZ non-concurs",
          line: 90,
        }),
      ]),
    ]);
    const lines = stylish(result, OPTIONS).split("\n");
    expect(lines.findIndex((l) => l.includes("non-concurs"))).toBeLessThan(
      lines.findIndex((l) => l.includes("aaa/one")),
    );
    expect(lines).toContain("Blocks issuance: 1 non-concurrence, 1 open item.");
  });

  it("shows an open item and its overdue finding as one line", () => {
    const where = { stakeholder: "usms", item: "beds" };
    const result = checkResult(
      [
        draft([
          finding({ ...where, message: "blocker item usms/beds is open: Are there beds?" }),
          finding({
            ...where,
            ruleId: "overdue",
            level: "warning",
            message: "usms/beds was due 2018-03-20 (P12D before issuance) and is still open",
          }),
        ]),
      ],
      "2018-04-01",
    );
    const output = stylish(result, OPTIONS);
    expect(output).toContain(
      "usms/beds: blocker open, 12 days overdue (due 2018-03-20) — Are there beds?",
    );
    expect(output.match(/usms\/beds/g)).toHaveLength(1);
    expect(output).toContain("1 open item (1 overdue)");
  });

  it("tells the user to add an office's record instead of pointing at `stakeholders:`", () => {
    const missing = { missing: "stakeholders.usms" };
    const f = finding({
      ruleId: "decision-missing",
      item: undefined,
      message: "USMS has not decided",
    });
    const unrecorded = { ...f, location: { ...f.location, ...missing } };
    const output = stylish(checkResult([draft([unrecorded])]), OPTIONS);
    expect(output).toContain("no record yet: add `stakeholders.usms` to the review");
    expect(output).not.toMatch(/12:7/);
  });

  it("says so when there is nothing to fix", () => {
    expect(stylish(cleanResult(), OPTIONS)).toBe("✔ no problems (1 draft checked)\n");
  });

  it("counts singulars and plurals in the summary", () => {
    const one = checkResult([draft([finding()])]);
    expect(stylish(one, OPTIONS)).toMatch(
      /✖ 1 problem \(1 error, 0 warnings, 0 notes\)\nBlocks issuance: 1 open item\.\n$/,
    );
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
    expect(output.split("\n")).toHaveLength(9);
  });

  it("lists a shared file's findings under each draft they belong to", () => {
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
    expect(output).toMatch(
      /drafts\/other\.md {2}other[^]*bad[^]*drafts\/zero-tolerance-2018\.md[^]*bad/,
    );
    expect(output).toContain("Blocks issuance of 2 drafts: 2 invalid files.");
  });

  it("shows a file outside the working directory by its full path", () => {
    const outside = finding({ file: "/elsewhere/shared.review.yaml" });
    expect(stylish(checkResult([draft([outside])]), OPTIONS)).toContain(
      "  edit /elsewhere/shared.review.yaml unless",
    );
  });
});

describe("check examples/ as a new user runs it", () => {
  it("shows the non-concurrence and the capacity shortfall on the first screen, and no item twice", async () => {
    const { code, stdout } = await runCli(["check", "examples/", "--as-of", "2018-04-01"]);
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    const firstScreen = lines.slice(0, 40).join("\n");
    expect(firstScreen).toMatch(/error +non-concurrence +.*\(usms\) non-concurs/);
    expect(firstScreen).toMatch(/error +capacity-shortfall +usms\/female-special-needs-beds/);
    const items = lines.flatMap((l) => /item-open +(\S+?):/.exec(l)?.[1] ?? []);
    expect(items.length).toBeGreaterThan(20);
    expect(new Set(items).size).toBe(items.length);
    expect(stdout).not.toMatch(/ overdue {2,}/); // no separate overdue rows for open items
    expect(lines.at(-2)).toMatch(
      /^Blocks issuance of 2 drafts: 1 non-concurrence, 2 capacity shortfalls, /,
    );
  });

  it("filters with --quiet, --stakeholder and --rule", async () => {
    const quiet = await runCli(["check", "examples/", "--as-of", "2018-04-01", "--quiet"]);
    expect(quiet.stdout).not.toMatch(/ (warning|note) {2}/);
    expect(quiet.stdout).toMatch(/\(\d+ errors, 0 warnings, 0 notes\)/);
    const usms = await runCli(["check", "examples/", "--stakeholder", "usms"]);
    expect(usms.stdout).toMatch(/✖ usms:/);
    expect(usms.stdout).not.toMatch(/✖ (?!usms:)\S+:/);
    const rule = await runCli(["check", "examples/", "--rule", "non-concurrence"]);
    expect(rule.stdout).toContain("✖ 1 problem (1 error, 0 warnings, 0 notes)");
    const nobody = await runCli(["check", "examples/", "--stakeholder", "usmss"]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('--stakeholder "usmss": no checked draft has this stakeholder');
    const unknown = await runCli(["check", "examples/", "--rule", "no-such-rule"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "no-such-rule"');
  });
});
