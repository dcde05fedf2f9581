/**
 * The library entry point (src/index.ts) gives what the command line gives:
 * the same findings as `preclear check`, the same report as `preclear report`,
 * the same text as each `--format`. (test/package/pack.test.ts imports it
 * from a packed, installed package.)
 */
import path from "node:path";
import {
  buildClearanceReport,
  check,
  evaluate,
  format,
  FORMAT_NAMES,
  loadChecklists,
  PreclearError,
  renderReport,
  REPORT_FORMATS,
  VERSION,
} from "../../src/index.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

const AS_OF = "2018-04-01";
const DRAFT = path.join("examples", "zero-tolerance-2018.md");

describe("import { check } from 'preclear'", () => {
  test("check finds the same drafts and findings as `preclear check -f json`", async () => {
    const result = check({ cwd: REPO_ROOT, paths: ["examples"], asOf: AS_OF });
    const cli = await runCli(["--as-of", AS_OF, "check", "examples", "-f", "json"]);
    expect(cli.code).toBe(1);
    const fromCli = JSON.parse(cli.stdout) as {
      drafts: Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }>;
    };
    expect(result.drafts.map((d) => path.relative(REPO_ROOT, d.file))).toEqual(
      fromCli.drafts.map((d) => d.file),
    );
    const summary = (findings: Array<{ ruleId: string; message: string }>) =>
      findings.map((f) => `${f.ruleId}: ${f.message}`).sort();
    expect(summary(result.drafts[0]!.findings)).toEqual(summary(fromCli.drafts[0]!.findings));
    expect(result.drafts[0]!.findings.length).toBeGreaterThan(0);
  });

  test("format gives each --format's text", async () => {
    const result = check({ cwd: REPO_ROOT, paths: [DRAFT], asOf: AS_OF });
    for (const name of FORMAT_NAMES) {
      const cli = await runCli(["--as-of", AS_OF, "check", DRAFT, "-f", name]);
      expect(format(result, name, { cwd: REPO_ROOT })).toBe(cli.stdout);
    }
  });

  test("renderReport is `preclear report`, in each format", async () => {
    for (const name of REPORT_FORMATS.filter((f) => f !== "docx")) {
      const cli = await runCli(["--as-of", AS_OF, "report", DRAFT, "-f", name]);
      expect(cli.code).toBe(0);
      expect(renderReport(DRAFT, { cwd: REPO_ROOT, asOf: AS_OF, format: name })).toBe(cli.stdout);
    }
    const report = buildClearanceReport(DRAFT, { cwd: REPO_ROOT, asOf: AS_OF });
    expect(report.generator).toMatchObject({ version: VERSION });
  });

  test("evaluate gives the applicable stakeholders and the draft's findings", () => {
    const { evaluation, findings } = evaluate(DRAFT, { cwd: REPO_ROOT, asOf: AS_OF });
    const applicable = evaluation.stakeholders
      .filter((s) => s.applies)
      .map((s) => s.stakeholder.id);
    expect(applicable).toEqual(expect.arrayContaining(["usms", "hhs-orr", "dhs-cbp", "usao-wdtx"]));
    expect(applicable.length).toBeGreaterThan(20);
    const checked = check({ cwd: REPO_ROOT, paths: [DRAFT], asOf: AS_OF });
    expect(findings).toEqual(checked.drafts[0]!.findings);
  });

  test("loadChecklists lists the built-in checklists and loads one", () => {
    const library = loadChecklists({ cwd: REPO_ROOT });
    expect(library.ids()).toContain("doj-significant-policy");
    expect(library.list().find((c) => c.id === "doj-significant-policy")?.builtin).toBe(true);
    // doj-significant-policy is layers (extends) only; base-policy has offices of its own.
    expect(library.get("doj-significant-policy").checklist.extends?.length).toBeGreaterThan(0);
    expect(library.get("base-policy").checklist.stakeholders.length).toBeGreaterThan(0);
  });

  test("bad input is a PreclearError with positions, never a print or an exit", () => {
    const temp = tempDir();
    try {
      expect(() => check({ cwd: temp.dir, paths: ["missing.md"] })).toThrow(PreclearError);
      expect(() => check({ cwd: temp.dir, asOf: "2018-02-30" })).toThrow(RangeError);
    } finally {
      temp.remove();
    }
  });
});
