/**
 * The published package, as a new user meets it: `npm pack`, install the
 * tarball into an empty directory (no dev dependencies), use `npx preclear`,
 * and `import { check } from "preclear"` from JavaScript and TypeScript.
 *
 * The `e2e` project's global setup has built dist/ from the current sources
 * (test/setup/build.mjs), so the pack skips `prepack` (`--ignore-scripts`):
 * rebuilding here would rewrite dist/ under the other workers' feet.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { assertBuiltCli, REPO_ROOT } from "../helpers/cli.js";

const ROOT = REPO_ROOT;
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function sh(
  command: string,
  args: string[],
  cwd: string,
): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the npm package", () => {
  let tarball: string;
  let files: string[];

  let user: string;

  beforeAll(() => {
    assertBuiltCli();
    const out = mkdtempSync(path.join(os.tmpdir(), "preclear-pack-"));
    const packed = sh(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", out],
      ROOT,
    );
    expect(packed.status).toBe(0);
    const [info] = JSON.parse(packed.stdout) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = path.join(out, info!.filename);
    files = info!.files.map((f) => f.path);

    user = mkdtempSync(path.join(os.tmpdir(), "preclear-user-"));
    sh("git", ["init", "-q"], user);
    sh("npm", ["init", "-y"], user);
    const install = sh("npm", ["install", "--no-audit", "--no-fund", tarball], user);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.status).toBe(0);
  }, 300_000);

  it("holds dist/, bin/, checklists/, schemas/ and the README only", () => {
    const tops = new Set(files.map((f) => f.split("/")[0]));
    expect([...tops].sort()).toEqual([
      "README.md",
      "bin",
      "checklists",
      "dist",
      "package.json",
      "schemas",
    ]);
    expect(files).toContain("dist/cli/main.js");
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/index.d.ts");
    expect(files).toContain("checklists/doj-significant-policy.yaml");
    expect(files.some((f) => f.startsWith("test/") || f.startsWith("src/"))).toBe(false);
    // Build-only code (src/build/) and the build stamp do not ship.
    expect(files.filter((f) => f.startsWith("dist/build/") || f === "dist/.build-stamp")).toEqual(
      [],
    );
  });

  it("import { check } from 'preclear' works from JavaScript", () => {
    const draft = path.join(ROOT, "examples", "zero-tolerance-2018.md");
    writeFileSync(
      path.join(user, "use.mjs"),
      [
        `import { check, format, renderReport, VERSION } from "preclear";`,
        `const result = check({ paths: [${JSON.stringify(draft)}], asOf: "2018-04-01" });`,
        `const findings = result.drafts.flatMap((d) => d.findings);`,
        `console.log(JSON.stringify({`,
        `  version: VERSION,`,
        `  drafts: result.drafts.length,`,
        `  findings: findings.length,`,
        `  sarif: JSON.parse(format(result, "sarif")).version,`,
        `  report: renderReport(${JSON.stringify(draft)}, { asOf: "2018-04-01" }).slice(0, 20),`,
        `}));`,
      ].join("\n"),
    );
    const run = sh(process.execPath, ["use.mjs"], user);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      version: JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version,
      drafts: 1,
      sarif: "2.1.0",
      report: "# Clearance report: ",
    });
    expect(out.findings).toBeGreaterThan(0);
  });

  it("its types check a TypeScript consumer (tsc, strict, NodeNext)", () => {
    writeFileSync(
      path.join(user, "use.ts"),
      [
        `import { check, format, PreclearError } from "preclear";`,
        `import type { CheckResult, Finding, FormatName } from "preclear";`,
        `const result: CheckResult = check({ paths: ["."], asOf: "2018-04-01" });`,
        `const first: Finding | undefined = result.drafts[0]?.findings[0];`,
        `const name: FormatName = "junit";`,
        `const text: string = format(result, name);`,
        `const line: number | undefined = first?.location.line;`,
        `export const used = [text, line, PreclearError];`,
        `// @ts-expect-error: not a format name`,
        `format(result, "yaml");`,
      ].join("\n"),
    );
    const tsc = sh(
      process.execPath,
      [
        TSC,
        "--noEmit",
        "--strict",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--target",
        "es2022",
        "--skipLibCheck",
        "use.ts",
      ],
      user,
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 60_000);

  it("installs into an empty directory; init, check and report work through npx", () => {
    const dir = user;
    expect(readdirSync(path.join(dir, "node_modules"))).not.toContain("jest");

    const help = sh("npx", ["preclear", "--help"], dir);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: preclear");

    const init = sh(
      "npx",
      [
        "preclear",
        "init",
        "--checklist",
        "doj-significant-policy",
        "--ci",
        "github",
        "--title",
        "Pilot policy",
      ],
      dir,
    );
    expect(init.status).toBe(0);
    const workflow = parse(readFileSync(path.join(dir, ".github/workflows/preclear.yml"), "utf8"));
    expect(JSON.stringify(workflow)).toContain("upload-sarif");

    const check = sh("npx", ["preclear", "check"], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("pilot-policy.review.yaml");
    expect(check.stdout).toMatch(/✖ \d+ problems/);

    const report = sh("npx", ["preclear", "report", "pilot-policy.md", "--format", "html"], dir);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain("<html");

    const review = sh("npx", ["preclear", "review", "pilot-policy.md"], dir);
    expect(review.status).toBe(2); // no terminal here: refuses with the hint
    expect(review.stderr).toContain("preclear check");
  }, 300_000);
});
