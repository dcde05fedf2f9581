/**
 * The package installs on the oldest Node it promises (package.json
 * `engines`, the README): no dependency, direct or transitive, declares a
 * Node range that excludes it, so `npm install` prints no EBADENGINE.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const ROOT = process.cwd();
const semver = createRequire(import.meta.url)("semver") as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

function sh(
  command: string,
  args: string[],
  cwd: string,
): { status: number; stdout: string; output: string } {
  // Both streams, whatever the status: npm prints its warnings to stderr on success too.
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return {
    status: result.status ?? 1,
    stdout: result.stdout,
    output: `${result.stdout}\n${result.stderr}`,
  };
}

/** Every package.json under node_modules (scoped and nested ones too). */
function installedPackages(dir: string): Array<{ name: string; version: string; node?: string }> {
  const found: Array<{ name: string; version: string; node?: string }> = [];
  const visit = (modules: string) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith(".")) continue;
      const full = path.join(modules, entry);
      if (entry.startsWith("@")) {
        visit(full);
        continue;
      }
      const manifest = path.join(full, "package.json");
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as {
        name: string;
        version: string;
        engines?: { node?: string };
      };
      found.push({ name: pkg.name, version: pkg.version, node: pkg.engines?.node });
      visit(path.join(full, "node_modules"));
    }
  };
  visit(path.join(dir, "node_modules"));
  return found;
}

describe("installing on the oldest supported Node", () => {
  const ours = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    engines: { node: string };
  };
  const floor = semver.minVersion(ours.engines.node)!.version;

  it("the README promises the same Node as package.json", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(`Node.js ${floor.replace(/\.0$/, "")} or later`);
  });

  it("npm install of the packed package prints no EBADENGINE, and every dependency accepts the oldest supported Node", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "preclear-engines-"));
    // --ignore-scripts: prepack would rebuild dist/ (deleting it first) while
    // other workers run it; the project's global setup built it already.
    const packed = sh(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", out],
      ROOT,
    );
    expect(packed.status).toBe(0);
    const [info] = JSON.parse(packed.stdout) as Array<{
      filename: string;
    }>;
    const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-engines-user-"));
    sh("npm", ["init", "-y"], dir);
    const install = sh(
      "npm",
      ["install", "--no-audit", "--no-fund", path.join(out, info!.filename)],
      dir,
    );
    expect(install.output).not.toContain("EBADENGINE");
    expect(install.status).toBe(0);
    const excluding = installedPackages(dir)
      .filter((p) => p.node !== undefined && !semver.satisfies(floor, p.node))
      .map((p) => `${p.name}@${p.version} needs node ${p.node}`);
    expect(excluding).toEqual([]);
  }, 300_000);
});
