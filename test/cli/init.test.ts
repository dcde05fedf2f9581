import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { runCli } from "../helpers/cli.js";

function emptyDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-init-"));
  writeFileSync(path.join(dir, ".git"), ""); // a repository root, as init is run in one
  return dir;
}

describe("preclear init", () => {
  it("scaffolds a config, a draft for the chosen checklist, an empty review and a GitHub workflow", async () => {
    const dir = emptyDir();
    const { code, stdout } = await runCli(
      [
        "init",
        "--checklist",
        "doj-significant-policy",
        "--ci",
        "github",
        "--title",
        "Border referrals",
        "--issuance-date",
        "2026-12-01",
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    for (const file of [
      "preclear.config.yaml",
      "border-referrals.md",
      "border-referrals.review.yaml",
      ".github/workflows/preclear.yml",
    ]) {
      expect(stdout).toContain(`created ${file}`);
      expect(existsSync(path.join(dir, file))).toBe(true);
    }
    const workflow = parse(readFileSync(path.join(dir, ".github/workflows/preclear.yml"), "utf8"));
    const steps = workflow.jobs.clearance.steps as Array<{
      uses?: string;
      run?: string;
      with?: Record<string, string>;
    }>;
    expect(steps.some((s) => s.run?.includes("preclear check") && s.run.includes("sarif"))).toBe(
      true,
    );
    expect(
      steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))?.with?.sarif_file,
    ).toBe("preclear.sarif");
  });

  it("gives a draft that check evaluates: the empty review's gaps, and the scoping facts still to answer", async () => {
    const dir = emptyDir();
    await runCli(["init", "--title", "Border referrals"], { cwd: dir });
    const { code, stdout } = await runCli(["check", "--format", "json"], { cwd: dir });
    expect(code).toBe(1);
    const rules = new Set(
      JSON.parse(stdout).drafts[0].findings.map((f: { ruleId: string }) => f.ruleId),
    );
    expect(rules).toContain("fact-missing");
    expect(rules).toContain("item-open");
    expect(rules).toContain("decision-missing");
    expect(rules).not.toContain("invalid-file");
  });

  it("writes a GitLab job with a JUnit report on request", async () => {
    const dir = emptyDir();
    await runCli(["init", "--ci", "gitlab", "--title", "X policy"], { cwd: dir });
    const job = parse(readFileSync(path.join(dir, ".gitlab-ci.yml"), "utf8")).preclear;
    expect(job.script.join("\n")).toContain("--format junit");
    expect(job.artifacts.reports.junit).toBe("preclear-junit.xml");
  });

  it("never overwrites an existing file without --force; an existing config is kept", async () => {
    const dir = emptyDir();
    writeFileSync(path.join(dir, "preclear.config.yaml"), "failOn: warning\n");
    writeFileSync(path.join(dir, "border-referrals.md"), "mine\n");
    const first = await runCli(["init", "--title", "Border referrals"], { cwd: dir });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("would overwrite border-referrals.md");
    expect(readFileSync(path.join(dir, "preclear.config.yaml"), "utf8")).toBe("failOn: warning\n");
    expect(readFileSync(path.join(dir, "border-referrals.md"), "utf8")).toBe("mine\n");
    expect(existsSync(path.join(dir, "border-referrals.review.yaml"))).toBe(false);
    const forced = await runCli(["init", "--title", "Border referrals", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, "preclear.config.yaml"), "utf8")).toContain("failOn: error");
  });

  it("refuses an unknown checklist id with exit 2", async () => {
    const { code, stderr } = await runCli(["init", "--checklist", "no-such-list"], {
      cwd: emptyDir(),
    });
    expect(code).toBe(2);
    expect(stderr).toContain("unknown checklist `no-such-list`");
  });
});

describe("preclear.config.yaml", () => {
  it("a typo'd key fails with its position and exit 2", async () => {
    const dir = emptyDir();
    await runCli(["init", "--title", "Border referrals"], { cwd: dir });
    writeFileSync(path.join(dir, "preclear.config.yaml"), "failOn: error\nfailon: warning\n");
    const { code, stderr } = await runCli(["check"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      "preclear.config.yaml:2:1: unknown property `failon` (did you mean `failOn`?)",
    );
  });

  it("rule level overrides change check's exit code as ESLint rule levels do", async () => {
    const dir = emptyDir();
    await runCli(["init", "--title", "Border referrals"], { cwd: dir });
    const failing = await runCli(["check"], { cwd: dir });
    expect(failing.code).toBe(1);
    writeFileSync(
      path.join(dir, "preclear.config.yaml"),
      [
        "rules:",
        ...[
          "fact-missing",
          "item-open",
          "decision-missing",
          "signoff-missing",
          "overdue",
          "notice-missing",
        ].map((r) => `  ${r}: warning`),
        "",
      ].join("\n"),
    );
    const warned = await runCli(["check"], { cwd: dir });
    expect(warned.code).toBe(0);
    const strict = await runCli(["check", "--fail-on", "warning"], { cwd: dir });
    expect(strict.code).toBe(1);
  });
});
