/**
 * `preclear report <draft> [--format markdown|html|json] [-o FILE]`: the
 * command a user runs. Judged as of --as-of, with the same rules and
 * configured levels as `check`; the same input always gives the same bytes.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import { SMALL } from "./helpers/reports.js";

const SMALL_DIR = path.dirname(SMALL);

describe("preclear report", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  test("prints Markdown by default, with paths relative to where it runs", async () => {
    const result = await runCli(["--as-of", "2018-04-18", "report", "policy.md"], {
      cwd: SMALL_DIR,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^# Clearance report: Small policy for report tests\n/);
    expect(result.stdout).toContain("- **Draft:** small-policy (policy.md)");
    expect(result.stdout).toContain("| Review policy.review.yaml | sha256:");
  });

  test("-o writes the report to a file (creating its directory) and prints nothing", async () => {
    const target = path.join(temp.dir, "out", "report.html");
    const result = await runCli([
      "--as-of",
      "2018-04-18",
      "report",
      SMALL,
      "--format",
      "html",
      "-o",
      target,
    ]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(target, "utf8")).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });

  test.each(["markdown", "html", "json"])(
    "--format %s gives the same bytes on every run",
    async (format) => {
      const args = ["--as-of", "2018-04-18", "report", SMALL, "--format", format];
      const first = await runCli(args);
      const second = await runCli(args);
      expect(first.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
    },
  );

  test("--as-of decides what is overdue", async () => {
    const json = async (asOf: string) =>
      JSON.parse((await runCli(["--as-of", asOf, "report", SMALL, "-f", "json"])).stdout) as {
        asOf: string;
        summary: { items: { overdue: number } };
      };
    expect((await json("2018-04-10")).summary.items.overdue).toBe(0);
    expect((await json("2018-04-18")).summary.items.overdue).toBe(1);
    expect((await json("2018-04-18")).asOf).toBe("2018-04-18");
  });

  test("reports the same findings as `check`, sign-off rules included", async () => {
    type Row = {
      ruleId: string;
      level: string;
      message: string;
      location: { file: string; line: number };
    };
    const key = (f: Row) =>
      `${f.level} ${f.ruleId} ${f.location.file}:${f.location.line} ${f.message}`;
    const check = JSON.parse(
      (await runCli(["--as-of", "2018-04-18", "check", SMALL, "-f", "json"])).stdout,
    ) as { drafts: Array<{ findings: Row[] }> };
    const report = JSON.parse(
      (await runCli(["--as-of", "2018-04-18", "report", SMALL, "-f", "json"])).stdout,
    ) as {
      blockingGaps: Row[];
      otherFindings: Row[];
      clearanceSheet: Array<{ stakeholder: string; signoff: { state: string } }>;
    };
    expect([...report.blockingGaps, ...report.otherFindings].map(key).sort()).toEqual(
      check.drafts[0]!.findings.map(key).sort(),
    );
    // The fixture's sign-off digest was never the draft's: check calls it stale, so does the sheet.
    expect(check.drafts[0]!.findings.map((f) => f.ruleId)).toContain("signoff-stale");
    expect(report.clearanceSheet[0]).toMatchObject({
      stakeholder: "prosecutors",
      signoff: { state: "stale" },
    });
  });

  test("rule levels from the config apply, as they do for check", async () => {
    for (const file of ["checklist.yaml", "policy.md", "policy.review.yaml"]) {
      copyFileSync(path.join(SMALL_DIR, file), path.join(temp.dir, file));
    }
    writeFileSync(
      path.join(temp.dir, "preclear.config.yaml"),
      "rules:\n  non-concurrence: warning\n  fact-missing: off\n",
    );
    const result = await runCli(["--as-of", "2018-04-18", "report", "policy.md", "-f", "json"], {
      cwd: temp.dir,
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      blockingGaps: Array<{ ruleId: string }>;
      otherFindings: Array<{ ruleId: string }>;
    };
    const ruleIds = (list: Array<{ ruleId: string }>) => list.map((f) => f.ruleId);
    expect(ruleIds(report.blockingGaps)).not.toContain("non-concurrence");
    expect(ruleIds(report.otherFindings)).toContain("non-concurrence");
    expect([...ruleIds(report.blockingGaps), ...ruleIds(report.otherFindings)]).not.toContain(
      "fact-missing",
    );
  });

  test("a draft that cannot be evaluated is reported at its position, exit 2 (SPEC §5), no report written", async () => {
    mkdirSync(path.join(temp.dir, "drafts"));
    const draft = path.join(temp.dir, "drafts", "broken.md");
    writeFileSync(
      draft,
      "---\npreclear:\n  id: broken\n  title: Broken\n  checklists: [no-such-checklist]\n---\n",
    );
    const target = path.join(temp.dir, "report.md");
    const result = await runCli(["report", "drafts/broken.md", "-o", target], { cwd: temp.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.md:5:\d+: .*unknown checklist `no-such-checklist`/);
    expect(existsSync(target)).toBe(false);
  });

  test("an unknown format is a usage error", async () => {
    const result = await runCli(["report", SMALL, "--format", "pdf"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("pdf");
  });
});
