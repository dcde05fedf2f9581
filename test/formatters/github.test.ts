import type { Finding, Level } from "../../src/core/rules/findings.js";
import { escapeData, escapeProperty, github, githubSummary } from "../../src/formatters/github.js";
import { runCli } from "../helpers/cli.js";
import {
  checkResult,
  cleanResult,
  draft,
  finding,
  OPTIONS,
} from "../fixtures/formatters/findings.js";

function annotations(findings: Finding[]): string[] {
  return github(checkResult([draft(findings)]), OPTIONS)
    .split("\n")
    .filter((l) => l !== "");
}

/** `count` findings of one level on consecutive lines. */
function series(level: Level, count: number): Finding[] {
  return Array.from({ length: count }, (_, i) =>
    finding({ level, message: `${level} ${i + 1}`, line: 100 + i, column: 1 }),
  );
}

describe("github output: escaping like the Actions toolkit's command.ts", () => {
  it("escapes %, CR and LF in messages, and : and , too in properties", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext%3A a%2C b");
    // % first, so an escape sequence in the input is not decoded on the other side.
    expect(escapeData("%0A")).toBe("%250A");
  });

  it("escapes messages, titles and file names in an annotation", () => {
    const [line, ...rest] = annotations([
      finding({
        message: "Capacity: 1,200 < 3,000 (40% short)\r\nask USMS",
        file: "/repo/drafts/memo, v2: final 100%.review.yaml",
        stakeholder: "usms,ops",
        item: "beds:pretrial",
      }),
    ]);
    expect(rest).toEqual([]);
    expect(line).toBe(
      "::error file=drafts/memo%2C v2%3A final 100%25.review.yaml,line=12,col=7," +
        "title=preclear(item-open)%3A usms%2Cops/beds%3Apretrial" +
        "::Capacity: 1,200 < 3,000 (40%25 short)%0D%0Aask USMS",
    );
  });

  it("maps levels to ::error, ::warning and ::notice", () => {
    expect(
      annotations([
        finding({ level: "note", line: 1 }),
        finding({ level: "warning", line: 2 }),
        finding({ level: "error", line: 3 }),
      ]).map((l) => l.slice(0, l.indexOf(" "))),
    ).toEqual(["::error", "::warning", "::notice"]);
  });

  it("gives the end of a single-line region with columns", () => {
    expect(annotations([finding({ endLine: 12, endColumn: 30 })])[0]).toMatch(
      /^::error file=\S+,line=12,col=7,endLine=12,endColumn=30,title=/,
    );
  });

  it("leaves out col and endColumn when the region spans lines", () => {
    const [line] = annotations([finding({ line: 12, column: 7, endLine: 15, endColumn: 3 })]);
    expect(line).toMatch(
      /^::error file=drafts\/zero-tolerance-2018\.review\.yaml,line=12,endLine=15,title=/,
    );
    expect(line).not.toMatch(/col=|endColumn=/);
  });

  it("titles a finding without stakeholder or item by its rule alone", () => {
    const [line] = annotations([
      finding({ ruleId: "invalid-file", stakeholder: undefined, item: undefined }),
    ]);
    expect(line).toContain(",title=preclear(invalid-file)::");
  });

  it("prints nothing for a clean run", () => {
    expect(github(cleanResult(), OPTIONS)).toBe("");
  });
});

describe("github output: GitHub's 10 annotations per level", () => {
  it("emits the worst first, at most 10 per level, and one notice counting the rest", () => {
    const lines = annotations([
      ...series("note", 12),
      ...series("warning", 12),
      ...series("error", 12),
    ]);
    const kinds = lines.map((l) => /^::(\w+)/.exec(l)?.[1]);
    expect(kinds).toEqual([
      ...Array<string>(10).fill("error"),
      ...Array<string>(10).fill("warning"),
      // one notice slot is kept for the overflow notice, so GitHub shows it
      ...Array<string>(9).fill("notice"),
      "notice",
    ]);
    expect(lines.slice(0, 10).map((l) => l.split("::")[2])).toEqual(
      Array.from({ length: 10 }, (_, i) => `error ${i + 1}`),
    );
    expect(lines[lines.length - 1]).toBe(
      "::notice::preclear: 7 findings not annotated (2 errors, 2 warnings, 3 notes); " +
        "GitHub shows at most 10 annotations per level. " +
        "See the job summary, or run preclear check with --format stylish, for the full report.",
    );
  });

  it("counts only the levels that overflowed", () => {
    const lines = annotations([...series("error", 3), ...series("warning", 15)]);
    expect(lines).toHaveLength(3 + 10 + 1);
    expect(lines[lines.length - 1]).toMatch(
      /^::notice::preclear: 5 findings not annotated \(0 errors, 5 warnings, 0 notes\);/,
    );
  });

  it("adds no notice when everything fits", () => {
    const lines = annotations([
      ...series("error", 10),
      ...series("warning", 10),
      ...series("note", 10),
    ]);
    expect(lines).toHaveLength(30);
    expect(lines.filter((l) => l.startsWith("::notice::"))).toEqual([]);
  });
});

describe("github job summary", () => {
  it("leads with a headline, what blocks issuance and a table of offices", () => {
    const summary = githubSummary(
      checkResult([
        draft([
          finding(),
          finding({ level: "warning", ruleId: "dependency-order", stakeholder: "eousa" }),
        ]),
      ]),
      OPTIONS,
    );
    expect(summary).toMatch(/^## preclear: ✖ 2 problems \(1 error, 1 warning, 0 notes\)\n/);
    expect(summary).toContain("Checked 1 draft as of 2018-04-01 with preclear 1.2.3.");
    expect(summary).toContain("**Blocks issuance:** 1 open item.");
    const firstTable = summary.slice(summary.indexOf("\n|"));
    expect(firstTable).toMatch(
      /^\n\| office \| what \| errors \| warnings \| notes \|\n\| --- \| --- \| ---: \| ---: \| ---: \|\n\| ❌ usms \| 1 open item \| 1 \| 0 \| 0 \|\n\| ⚠️ eousa \| 1 decision out of order \| 0 \| 1 \| 0 \|\n/,
    );
  });

  it("stays under the 1 MiB a step summary may hold, worst offices in full", () => {
    const many = Array.from({ length: 40 }, (_, d) =>
      draft(
        Array.from({ length: 300 }, (_, n) =>
          finding({
            stakeholder: `office-${n % 23}`,
            item: `item-${n}`,
            draft: `/repo/drafts/d${d}.md`,
            message: `item ${n} is open: ${"y".repeat(400)}`,
          }),
        ),
        { file: `/repo/drafts/d${d}.md`, draftId: `d${d}` },
      ),
    );
    const summary = githubSummary(checkResult(many), OPTIONS);
    expect(Buffer.byteLength(summary)).toBeGreaterThan(900_000);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary).toMatch(
      /The details of [\d,]+ offices are left out to keep this under 1,048,576 characters/,
    );
  });

  it("lists every finding per draft, beyond the annotation limit", () => {
    const summary = githubSummary(checkResult([draft(series("error", 25))]), OPTIONS);
    expect(summary).toContain("### Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)");
    expect(summary.match(/^\| ❌ error \|/gm)).toHaveLength(25);
    expect(summary).toContain("#### usms");
  });

  it("escapes pipes, line breaks and HTML so a message stays in its cell", () => {
    const summary = githubSummary(
      checkResult([draft([finding({ message: "a | b\r\nc <script>x</script> & *d*" })])]),
      OPTIONS,
    );
    expect(summary).toContain(
      "| [item-open](https://github.com/preclear/preclear/blob/main/docs/rules.md#item-open) " +
        "| a \\| b<br>c &lt;script&gt;x&lt;/script&gt; &amp; \\*d\\* |",
    );
  });

  it("reports a clean run", () => {
    const summary = githubSummary(cleanResult(), OPTIONS);
    expect(summary).toMatch(/^## preclear: ✔ no problems\n/);
    expect(summary).toContain(
      "drafts/zero-tolerance-2018.md · zero-tolerance-2018 — ✔ no findings",
    );
  });
});

describe("github output: what matters most, placed from the repository root", () => {
  it("annotates a non-concurrence and a capacity shortfall among many undecided offices", () => {
    const undecided = Array.from({ length: 30 }, (_, n) =>
      finding({
        ruleId: "decision-missing",
        stakeholder: `a${String(n).padStart(2, "0")}`,
        item: undefined,
        message: "no decision",
        line: n + 1,
      }),
    );
    const result = checkResult([
      draft([
        ...undecided,
        finding({ ruleId: "capacity-shortfall", message: "short by 6,000", line: 200 }),
        finding({ ruleId: "non-concurrence", item: undefined, message: "non-concurs", line: 300 }),
      ]),
    ]);
    const errors = github(result, OPTIONS)
      .split("\n")
      .filter((l) => l.startsWith("::error"));
    expect(errors).toHaveLength(10);
    expect(errors[0]).toMatch(/::non-concurs$/);
    expect(errors[1]).toMatch(/::short by 6,000$/);
  });

  it("names files relative to the repository root, not the working directory", () => {
    const output = github(checkResult([draft([finding()])]), {
      ...OPTIONS,
      cwd: "/repo/drafts",
      root: "/repo",
    });
    expect(output).toContain("file=drafts/zero-tolerance-2018.review.yaml,");
  });
});

describe("the example, as a pull request sees it", () => {
  it("annotates the non-concurrence and the capacity shortfall; the Markdown outputs fit a comment", async () => {
    const github = await runCli(["--as-of", "2018-04-06", "check", "examples/", "-f", "github"]);
    const errors = github.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(errors).toHaveLength(10);
    expect(errors[0]).toMatch(/title=preclear\(non-concurrence\)/);
    expect(errors[1]).toMatch(/title=preclear\(capacity-shortfall\)/);
    expect(errors[0]).toContain("file=examples/firearms-trafficking-2026.review.yaml,");
    const markdown = await runCli([
      "--as-of",
      "2018-04-06",
      "check",
      "examples/",
      "-f",
      "markdown",
    ]);
    // Two example drafts give more findings than a pull-request comment holds: the
    // output fits, the worst office keeps its full details (the non-concurrence and
    // the shortfall), and the offices shortened say where the full output is.
    const md = markdown.stdout;
    expect(md.length).toBeLessThanOrEqual(65_536);
    const usms = md.slice(md.indexOf("### usms"), md.indexOf("\n### ", md.indexOf("### usms") + 1));
    expect(usms).toMatch(
      /\| ❌ error \| examples\/firearms-trafficking-2026\.review\.yaml:\d+:\d+ \| \[non-concurrence\]\(.*\) \| U\.S\. Marshals Service \(usms\) non-concurs/,
    );
    expect(usms).toMatch(
      /\[capacity-shortfall\]\(.*\) \| usms\/female-special-needs-beds: confirmed capacity 30 female beds .* short by 5\.53/,
    );
    expect(md).toMatch(
      /_The details of \d+ offices are left out to keep this under 65,536 characters .*`preclear check -f json -o preclear\.json`/,
    );
    const report = await runCli([
      "--as-of",
      "2018-04-06",
      "report",
      "examples/zero-tolerance-2018.md",
      "--format",
      "markdown",
    ]);
    expect(report.stdout.length).toBeLessThanOrEqual(65_536);
    expect(report.stdout).toContain("## Clearance sheet");
    expect(report.stdout).toMatch(
      /\| U\.S\. Marshals Service \| detention-beds \| 690\.79 beds .*\| \*\*240\.79 beds \(average daily population\)\*\* \| ❌ Shortfall \|/,
    );
  });
});
