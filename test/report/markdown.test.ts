/**
 * The Markdown report: GitHub/GitLab tables, a Mermaid flowchart and gantt,
 * and hostile text that stays text: every table row keeps its column count,
 * every Mermaid block stays one block of well-formed lines, and nothing but
 * an http(s) URL becomes a link.
 */
import { renderMarkdown } from "../../src/report/markdown.js";
import { cells, fenceLines, linkTargets, mermaidBlocks, tables } from "./helpers/markdown.js";
import { build, EXAMPLE, EXAMPLE_AS_OF, HOSTILE, SMALL } from "./helpers/reports.js";

const small = renderMarkdown(build(SMALL, "2018-04-18").report);
const hostile = renderMarkdown(build(HOSTILE, "2018-04-10").report);
const example = renderMarkdown(build(EXAMPLE, EXAMPLE_AS_OF).report);

/** Flowchart lines: node declarations, edges and class definitions, nothing else. */
const FLOWCHART_LINE =
  /^(flowchart LR| {2}s\d+\["[^"]*"\]:::(concur|concurWithComments|nonConcur|pending)| {2}s\d+ --> s\d+| {2}classDef \w+ [\w#:,.\- ]+)$/;
/**
 * Gantt lines: the header, sections and milestones; names without `:`, `#`,
 * `;`, and task names led by a number, so an item id such as `section` or
 * `click` never reads as a keyword.
 */
const GANTT_LINE =
  /^(gantt| {2}title [^:#;]+| {2}dateFormat YYYY-MM-DD| {2}axisFormat %b %d| {2}todayMarker off| {2}section \d+\. [^:#;%]+| {2}section (Milestones|Offices)| {2}(Report date|Issuance|\d+\.\d+ [^:#;%]+) :(done|crit|active)?(, )?milestone, \w+, \d{4}-\d{2}-\d{2}, 0d| {2}\d+\. [^:#;%]+ :(done|crit|active), (milestone, t\d+, \d{4}-\d{2}-\d{2}, 0d|t\d+, \d{4}-\d{2}-\d{2}, \d{4}-\d{2}-\d{2}))$/;

describe("markdown report", () => {
  test("leads with the title, the verdict and the draft's identity", () => {
    expect(small.split("\n").slice(0, 10)).toEqual([
      "# Clearance report: Small policy for report tests",
      "",
      "> ❌ **Not ready for issuance**: 5 blocking gaps · 2 of 4 offices concur, 1 non-concur, 1 without a decision · 2 open items (1 overdue)",
      "",
      "- **Draft:** small-policy (test/fixtures/report/small/policy.md)",
      "- **Issuer:** Office of the Deputy Attorney General",
      "- **Issuance date:** 2018-04-30",
      "- **Report as of:** 2018-04-18",
      "- **Checklists:** report-small@2.1.0",
      "",
    ]);
  });

  test("the clearance sheet has a row per office: decision, official, date, sign-off", () => {
    const sheet = tables(small)[0]!;
    expect(cells(sheet[0]!).map((c) => c.trim())).toEqual([
      "#",
      "Office",
      "Decision",
      "Official",
      "Date",
      "Sign-off",
      "Items done",
      "Blocking gaps",
    ]);
    expect(
      sheet.slice(2).map((row) =>
        cells(row)
          .map((c) => c.trim())
          .slice(2, 6),
      ),
    ).toEqual([
      [
        "✅ Concur",
        "United States Attorney<br>Ann Prosecutor, United States Attorney (signed 2018-03-25)",
        "2018-03-25",
        "✅ Valid",
      ],
      ["☑️ Concur with comments", "Director, USMS", "2018-03-28", "❌ Missing"],
      [
        "⛔ Non-concur",
        "Chief Judge (signed 2018-03-24)",
        "2018-03-24",
        "🔏 Signature verified (optional)",
      ],
      ["⏳ No decision", "—", "—", "➖ Not required"],
    ]);
  });

  test("blocking gaps link each rule id to its documentation", () => {
    expect(small).toContain("## Blocking gaps (5)");
    expect(small).toContain(
      "| ❌ [capacity-shortfall](https://github.com/preclear/preclear/blob/main/docs/rules.md#capacity-shortfall) | U.S. Marshals Service | detention |",
    );
  });

  test("the coordination graph is a Mermaid flowchart and the timeline a Mermaid gantt", () => {
    const [flowchart, gantt] = mermaidBlocks(small);
    expect(flowchart).toEqual([
      "flowchart LR",
      '  s1["1. prosecutors ✅"]:::concur',
      '  s2["2. marshals ☑️"]:::concurWithComments',
      '  s3["3. courts ⛔"]:::nonConcur',
      '  s4["4. defenders ⏳"]:::pending',
      "  s1 --> s2",
      "  s1 --> s3",
      "  s2 --> s4",
      "  s3 --> s4",
      expect.stringMatching(/^ {2}classDef concur /),
      expect.stringMatching(/^ {2}classDef concurWithComments /),
      expect.stringMatching(/^ {2}classDef nonConcur /),
      expect.stringMatching(/^ {2}classDef pending /),
    ]);
    expect(gantt).toContain("  Issuance :crit, milestone, issuance, 2018-04-30, 0d");
    expect(gantt).toContain("  Report date :milestone, asof, 2018-04-18, 0d");
    expect(gantt).toContain("  section 3. courts");
    expect(gantt).toContain("  3.1 docket (overdue) :crit, milestone, t5, 2018-04-16, 0d");
    expect(gantt).toContain("  1.1 caseload (done) :done, milestone, t1, 2018-03-31, 0d");
  });

  test("the capacity table highlights the shortfall", () => {
    expect(small).toContain(
      "| U.S. Marshals Service | detention | 700 bed-days/month<br>facts.defendantsPerMonth \\* facts.averageDays with defendantsPerMonth = 100, averageDays = 7 | 500 bed-days/month | **200 bed-days/month** | ❌ Shortfall |",
    );
  });

  test("per office: items with status, evidence, notes and sources", () => {
    expect(small).toContain("### 2. U.S. Marshals Service");
    expect(small).toContain(
      "| **detention**<br>Has USMS confirmed detention space? | Blocker | 🟥 Answered — below demand<br>capacity-shortfall | 2018-04-09 | Contact: J. Roe<br>Capacity: 500 | Beds are three hours from the courthouse. | — |",
    );
    expect(small).toContain(
      "Accepted by: Deputy Attorney General<br>Rationale: Transport is contracted out.",
    );
    expect(small).toContain(
      "[oig-21-028](https://oig.justice.gov/reports/21-028)<br>internal-memo",
    );
    expect(small).toContain(
      "Not applicable to this draft: rule-review (Does not apply: “Will the policy be published as a rule?” no.).",
    );
  });

  test("ruled-out and undecided offices say why; digests list every input", () => {
    expect(small).toContain(
      "| OMB Office of Information and Regulatory Affairs (oira) | whole office | Does not apply: “Will the policy be published as a rule?” no. |",
    );
    expect(small).toContain(
      "| Office of Refugee Resettlement (orr) | facts.affectsFamilies | affectsFamilies |",
    );
    expect(small).toMatch(
      /\| Checklist report-small@2\.1\.0 \(test\/fixtures\/report\/small\/checklist\.yaml\) \| sha256:[0-9a-f]{64} \|/,
    );
    expect(small).toMatch(
      /\| Review test\/fixtures\/report\/small\/policy\.review\.yaml \| sha256:[0-9a-f]{64} \|/,
    );
  });
});

describe.each([
  ["hostile fixture", () => hostile],
  ["small fixture", () => small],
  ["example", () => example],
])("markdown structure stays intact: %s", (_name, markdown) => {
  test("every table row has as many cells as its header", () => {
    const found = tables(markdown());
    expect(found.length).toBeGreaterThan(3);
    for (const table of found) {
      const width = cells(table[0]!).length;
      expect(table.map((row) => cells(row).length)).toEqual(table.map(() => width));
    }
  });

  test("code fences pair up, and every Mermaid line is one the grammar expects", () => {
    expect(fenceLines(markdown()).length % 2).toBe(0);
    const blocks = mermaidBlocks(markdown());
    expect(blocks.map((b) => b[0])).toEqual(["flowchart LR", "gantt"]);
    for (const line of blocks[0]!) expect(line).toMatch(FLOWCHART_LINE);
    for (const line of blocks[1]!) expect(line).toMatch(GANTT_LINE);
  });

  test("no raw HTML but the report's own <br>, <details> and <summary>", () => {
    const tags = [...markdown().matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]);
    for (const tag of tags) expect(["br", "details", "summary"]).toContain(tag);
  });

  test("only http(s) URLs become links", () => {
    for (const target of linkTargets(markdown()))
      expect(target).toMatch(/^https?:\/\/[^\s"'<>|()]+$/);
  });
});

describe("hostile text in the markdown report", () => {
  test("is shown, escaped, where it was given", () => {
    expect(hostile).toContain(
      "# Clearance report: Policy &lt;script&gt;document.title='pwned'&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=&quot;document.title='pwned'&quot;&gt; \\| title \\| \\`\\`\\` \\`x\\`",
    );
    expect(hostile).toContain("Document: javascript:document.title='pwned'");
    expect(hostile).toContain(
      "- **js-link**: Click \\| me &lt;script&gt;document.title='pwned'&lt;/script&gt; (not linked: javascript:document.title='pwned')",
    );
    expect(hostile).toContain("\\[click\\](javascript:document.title='pwned')");
  });

  test("Mermaid labels are short: the office's number and id, never its (hostile) name", () => {
    const [flowchart] = mermaidBlocks(hostile);
    expect(flowchart![2]).toBe('  s2["2. second-office ⏳"]:::pending');
    expect(flowchart!.join("\n")).not.toContain("evil");
  });

  test("a line break in a table cell becomes <br>, so the row stays one line", () => {
    expect(hostile).toContain("Title \\| with pipe<br>and newline");
    expect(hostile).toContain(
      "**Comments:** &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;<br>\\| new \\| row \\|",
    );
  });
});
