/**
 * The published package, as a new user meets it: `npm pack`, install the
 * tarball into an empty directory (no dev dependencies), and use `npx preclear`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";

const ROOT = process.cwd();

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

  beforeAll(() => {
    const out = mkdtempSync(path.join(os.tmpdir(), "preclear-pack-"));
    const packed = sh("npm", ["pack", "--json", "--pack-destination", out], ROOT);
    expect(packed.status).toBe(0);
    const [info] = JSON.parse(packed.stdout) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = path.join(out, info!.filename);
    files = info!.files.map((f) => f.path);
  }, 180_000);

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
    expect(files).toContain("checklists/doj-significant-policy.yaml");
    expect(files.some((f) => f.startsWith("test/") || f.startsWith("src/"))).toBe(false);
  });

  it("installs into an empty directory; init, check and report work through npx", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-user-"));
    sh("git", ["init", "-q"], dir);
    sh("npm", ["init", "-y"], dir);
    const install = sh("npm", ["install", "--no-audit", "--no-fund", tarball], dir);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.status).toBe(0);
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
