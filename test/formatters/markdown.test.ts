import { markdown } from "../../src/formatters/markdown.js";
import {
  checkResult,
  cleanResult,
  draft,
  finding,
  HOSTILE,
  manyFindingsResult,
  OPTIONS,
} from "../fixtures/formatters/findings.js";

/** The cells of a GitHub-flavoured Markdown table row, honouring `\|`. */
function cells(row: string): string[] {
  return row
    .replace(/^\| /, "")
    .replace(/ \|$/, "")
    .split(/(?<!\\) \| /);
}

describe("markdown output", () => {
  it("has a heading and a table per draft, worst findings first", () => {
    const output = markdown(
      checkResult([
        draft([
          finding({ level: "warning", ruleId: "overdue", message: "Due 2018-03-07", line: 3 }),
          finding({ message: "Detention space not confirmed" }),
        ]),
      ]),
      OPTIONS,
    );
    expect(output).toBe(
      [
        "# preclear check",
        "",
        "**✖ 2 problems (1 error, 1 warning, 0 notes)**",
        "",
        "Checked 1 draft as of 2018-04-01 with preclear 1.2.3.",
        "",
        "## Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)",
        "",
        "drafts/zero-tolerance-2018.md · zero-tolerance-2018 — ✖ 2 findings (1 error, 1 warning, 0 notes)",
        "",
        "| level | location | stakeholder/item | rule | message |",
        "| --- | --- | --- | --- | --- |",
        "| ❌ error | drafts/zero-tolerance-2018.review.yaml:12:7 | usms/detention-capacity | [item-open](https://github.com/preclear/preclear/blob/main/docs/rules.md#item-open) | Detention space not confirmed |",
        "| ⚠️ warning | drafts/zero-tolerance-2018.review.yaml:3:7 | usms/detention-capacity | [overdue](https://github.com/preclear/preclear/blob/main/docs/rules.md#overdue) | Due 2018-03-07 |",
        "",
      ].join("\n"),
    );
  });

  it("says which drafts are clean", () => {
    expect(markdown(cleanResult(), OPTIONS)).toContain(
      "## Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)\n\ndrafts/zero-tolerance-2018.md · zero-tolerance-2018 — ✔ no findings\n",
    );
    expect(markdown(manyFindingsResult(1), OPTIONS)).toContain("## Clean draft\n");
  });

  it("keeps hostile text inside its table cell and renders it literally", () => {
    const output = markdown(
      checkResult([draft([finding({ message: HOSTILE, stakeholder: "a|b", item: "*x*" })])]),
      OPTIONS,
    );
    const row = output.split("\n").find((l) => l.startsWith("| ❌ error"));
    expect(row).toBeDefined();
    const rowCells = cells(row ?? "");
    expect(rowCells).toHaveLength(5);
    expect(rowCells[2]).toBe("a\\|b/\\*x\\*");
    expect(rowCells[4]).toBe(
      "a &amp; b &lt; c &gt; d &quot; e ' f  g [31m h \uFFFF i \uFFFD j % k <br> l : m , n \\| o".replace(
        "[31m",
        "\\[31m",
      ),
    );
  });

  it("escapes Markdown and HTML in headings, and keeps them on one line", () => {
    const output = markdown(
      checkResult([draft([], { title: "Policy #1 <b>bold</b> $x$\nsecond line" })]),
      OPTIONS,
    );
    expect(output).toContain("## Policy \\#1 &lt;b&gt;bold&lt;/b&gt; \\$x\\$ second line\n");
  });
});
