/**
 * `preclear amend --technical`: with `technicalAmendments: allowed`, the
 * sign-offs on the earlier text stay valid ("valid, with 1 technical
 * amendment since"); without it, they are stale as for any change.
 */
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import {
  cli,
  edit,
  newProject,
  signAll,
  signoffFindings,
  STAKEHOLDERS,
  trustedKey,
} from "../signoff/helpers.js";
import type { Project } from "../signoff/helpers.js";
import { renderReport } from "../../src/index.js";

let project: Project;
beforeEach(async () => {
  project = newProject();
  await signAll(project);
});
afterEach(() => project.remove());

const allow = () =>
  appendFileSync(path.join(project.dir, "preclear.config.yaml"), "technicalAmendments: allowed\n");
const amend = (...extra: string[]) =>
  cli(project, [
    "amend",
    "memo.md",
    "--technical",
    "--reason",
    "typo: practicable",
    "--actor",
    "editor",
    ...extra,
  ]);

interface VerifyJson {
  stakeholders: Array<{
    id: string;
    state: string;
    detail: string;
    signoffs: Array<{ technicalAmendments: number }>;
  }>;
}
const verify = async () => {
  const result = await cli(project, ["verify", "memo.md", "--format", "json"]);
  return { code: result.code, report: JSON.parse(result.stdout) as VerifyJson };
};

test("with technicalAmendments: allowed, an amended typo keeps every sign-off valid", async () => {
  allow();
  edit(project.draft, "practicable", "practicable ");
  edit(project.draft, "to the extent", "to the full extent");
  expect(signoffFindings(project).length).toBe(3);
  const result = await amend();
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    "§ 1 Memorandum for federal prosecutors along the Southwest border: 1 paragraph changed",
  );
  expect(result.stdout).toContain("stay valid");
  const review = parse(readFileSync(project.review, "utf8")) as {
    amendments: Array<Record<string, string>>;
  };
  expect(review.amendments).toEqual([
    expect.objectContaining({ kind: "technical", reason: "typo: practicable", by: "editor" }),
  ]);
  expect(review.amendments[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  expect(signoffFindings(project)).toEqual([]);
  const { code, report } = await verify();
  expect(code).toBe(0);
  for (const s of report.stakeholders) {
    expect(s.state).toBe("verified"); // signed with trusted keys, and current
    expect(s.detail).toContain("valid, with 1 technical amendment since");
    expect(s.signoffs[0]!.technicalAmendments).toBe(1);
  }
});

test("without the config, the same amendment leaves every sign-off stale", async () => {
  edit(project.draft, "to the extent", "to the full extent");
  const result = await amend();
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("still stale");
  const stale = signoffFindings(project).filter((f) => f.ruleId === "signoff-stale");
  expect(stale.map((f) => f.stakeholder).sort()).toEqual([...STAKEHOLDERS].sort());
});

test("two amendments in a row chain back to the signed text; a further unamended change stales", async () => {
  allow();
  edit(project.draft, "to the extent", "to the full extent");
  expect((await amend()).code).toBe(0);
  edit(project.draft, "Each office", "Every office");
  expect((await amend()).code).toBe(0);
  const { report } = await verify();
  for (const s of report.stakeholders)
    expect(s.detail).toContain("with 2 technical amendments since");
  edit(project.draft, "referrals", "cases");
  const stale = signoffFindings(project).filter((f) => f.ruleId === "signoff-stale");
  expect(stale).toHaveLength(3);
});

test("only the text may change: an amended text and a new title is still stale", async () => {
  allow();
  edit(project.draft, "to the extent", "to the full extent");
  expect((await amend()).code).toBe(0);
  edit(project.draft, /^ {2}title: .*$/m, "  title: Something else");
  const stale = signoffFindings(project).filter((f) => f.ruleId === "signoff-stale");
  expect(stale).toHaveLength(3);
  expect(stale[0]!.message).toContain("`title`");
});

test("a signed amendment counts only when its key is trusted", async () => {
  allow();
  const { keyFile } = await trustedKey(project, "editor-key", []);
  edit(project.draft, "to the extent", "to the full extent");
  expect((await amend("--key", keyFile)).code).toBe(0);
  expect(signoffFindings(project)).toEqual([]);
  // Forge: change the reason after signing.
  edit(project.review, /typo: practicable/g, "typo: anything");
  expect(signoffFindings(project).filter((f) => f.ruleId === "signoff-stale")).toHaveLength(3);
});

test("amend without --technical, without a reason, or with nothing changed is a usage error", async () => {
  const none = await cli(project, ["amend", "memo.md", "--reason", "x"]);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain("--technical");
  const noReason = await cli(project, ["amend", "memo.md", "--technical"]);
  expect(noReason.code).toBe(2);
  const unchanged = await amend();
  expect(unchanged.code).toBe(2);
  expect(unchanged.stderr).toContain("nothing to amend");
});

test("the report shows each amended office's amendment (reason, who, when) and its redline", async () => {
  allow();
  edit(project.draft, "to the extent", "to the full extent");
  expect((await amend()).code).toBe(0);
  const markdown = await cli(project, ["report", "memo.md", "--as-of", "2018-04-01"]);
  const section = markdown.stdout.slice(markdown.stdout.indexOf("## What changed since sign-off"));
  expect(section).toContain("<details>");
  expect(section).toMatch(
    /<summary>U\.S\. Marshals Service \(usms\), signed by Official of usms on 2018-03-28: valid, with 1 technical amendment since — § 1 /,
  );
  expect(section).toMatch(
    /- technical amendment by editor at \d{4}-\d\d-\d\dT[\d:]+Z: typo: practicable/,
  );
  expect(section).toContain("to the <ins>full </ins>extent");
  const html = await cli(project, [
    "report",
    "memo.md",
    "--as-of",
    "2018-04-01",
    "--format",
    "html",
  ]);
  expect(html.stdout).toContain("<h2>What changed since sign-off</h2>");
  expect(html.stdout).toContain("to the <ins>full </ins>extent");
  expect(html.stdout).toMatch(
    /<li>technical amendment by editor at [^<]*: typo: practicable<\/li>/,
  );
});

test("the report shows the redline of each stale office, and nothing when all is current", async () => {
  const clean = await cli(project, ["report", "memo.md", "--as-of", "2018-04-01"]);
  expect(clean.stdout).not.toContain("What changed since sign-off");
  edit(project.draft, "to the extent", "to the full extent");
  const markdown = await cli(project, ["report", "memo.md", "--as-of", "2018-04-01"]);
  const summaries = markdown.stdout.match(/<summary>.*<\/summary>/g) ?? [];
  expect(summaries).toHaveLength(3);
  for (const s of summaries) expect(s).toContain(": stale — § 1 ");
  const json = await cli(project, [
    "report",
    "memo.md",
    "--as-of",
    "2018-04-01",
    "--format",
    "json",
  ]);
  expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
});

test("the library's renderReport shows the same redlines as preclear report", async () => {
  edit(project.draft, "to the extent", "to the full extent");
  const cliReport = await cli(project, ["report", "memo.md", "--as-of", "2018-04-01"]);
  const library = renderReport("memo.md", { cwd: project.dir, asOf: "2018-04-01" });
  expect(library).toContain("## What changed since sign-off");
  expect(library).toBe(cliReport.stdout);
});
