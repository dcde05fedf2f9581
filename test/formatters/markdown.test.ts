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
  it("leads with what blocks issuance, then a line per office, then each office's findings", () => {
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
        "**Blocks issuance:** 1 open item.",
        "",
        "## Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)",
        "",
        "drafts/zero-tolerance-2018.md · zero-tolerance-2018 — ✖ 2 findings (1 error, 1 warning, 0 notes)",
        "",
        "| office | what | errors | warnings | notes |",
        "| --- | --- | ---: | ---: | ---: |",
        "| ❌ usms | 1 open item (1 overdue) | 1 | 1 | 0 |",
        "",
        "### usms",
        "",
        "| level | location | rule | finding |",
        "| --- | --- | --- | --- |",
        "| ❌ error | drafts/zero-tolerance-2018.review.yaml:12:7 | [item-open](https://github.com/preclear/preclear/blob/main/docs/rules.md#item-open) | Detention space not confirmed (overdue) |",
        "",
      ].join("\n"),
    );
  });

  it("stays within its budget: whole tables first, then the worst offices' details", () => {
    const offices = ["a", "b", "c", "d"].map((office) =>
      Array.from({ length: 20 }, (_, n) =>
        finding({
          stakeholder: office,
          item: `item-${n}`,
          level: office === "c" ? "error" : "warning",
          message: `${office} item ${n} is open: ${"x".repeat(200)}`,
        }),
      ),
    );
    const result = checkResult([draft(offices.flat())]);
    const whole = markdown(result, OPTIONS);
    expect(whole.length).toBeLessThan(65_536);
    expect(whole).not.toContain("left out");
    const budget = 12_000;
    const fitted = markdown(result, { ...OPTIONS, budget });
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(budget);
    expect(fitted).toMatch(/^\| ❌ c \|/m);
    expect(fitted).toContain("### c\n");
    expect(fitted).not.toContain("### d\n");
    expect(fitted).toMatch(
      /The details of \d offices are left out to keep this under 12,000 characters/,
    );
    expect(fitted).toContain("preclear check -f json");
  });

  it("says so when even the summary is over the budget, and still writes it", () => {
    const output = markdown(checkResult([draft([finding()])]), { ...OPTIONS, budget: 50 });
    expect(output).toMatch(
      /^> \*\*Note:\*\* even the summary is [\d,]+ characters, more than the budget of 50 characters/,
    );
    expect(output).toContain("| ❌ usms | 1 open item | 1 | 0 | 0 |");
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
    const office = output.split("\n").find((l) => l.startsWith("| ❌ a"));
    expect(cells(office ?? "")).toHaveLength(5);
    expect(cells(office ?? "")[0]).toBe("❌ a\\|b");
    const row = output.split("\n").find((l) => l.startsWith("| ❌ error"));
    expect(row).toBeDefined();
    const rowCells = cells(row ?? "");
    expect(rowCells).toHaveLength(4);
    expect(rowCells[3]).toBe(
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

describe("right-to-left and non-ASCII text", () => {
  it("stays in its cell, with no bidirectional override to reorder the row", () => {
    const name = "\u202Eמשרד המשפטים\u202C — Ministère «Justice» 法务部";
    const output = markdown(
      checkResult([draft([finding({ stakeholder: name, message: `${name} has not decided` })])]),
      OPTIONS,
    );
    expect(output).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const office = output.split("\n").find((l) => l.startsWith("| ❌ "))!;
    expect(cells(office)).toHaveLength(5);
    // The override is made visible (core/terminal.ts), never left to reorder the row.
    expect(office).toContain("משרד המשפטים");
    expect(office).toContain("— Ministère «Justice» 法务部");
    expect(office).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const row = output.split("\n").find((l) => l.startsWith("| ❌ error"))!;
    expect(cells(row)).toHaveLength(4);
  });
});
