/**
 * Class 4 of issue 17: quadratic parsing and locating. A 1 MiB review with
 * 105,000 unknown keys took 553 s, 20,000 unknown review items 9 s, a 1 MiB
 * flow list 1.1 GB. Now: duplicate keys are found with a set per mapping
 * (the parser's own check was N² per mapping), positions are indexed once per
 * mapping (src/core/load/yaml.ts keyIndex), at most 1,000 schema problems per
 * file are explained, and a file with more than MAX_YAML_NODES keys and list
 * entries is refused before it is parsed. Budgets are CPU time and peak RSS
 * of the built binary (helpers/measure.ts), never wall time; the worst inputs
 * right under the limits are timed by `npm run bench` (bench/worst-cases.js).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MAX_YAML_NODES, parseYaml } from "../../src/core/load/yaml.js";
import { PreclearError } from "../../src/core/diagnostics.js";
import { crashSigns, linesOf, REPO_ROOT } from "../helpers/cli.js";
import { measureCli, MIB } from "./helpers/measure.js";

const CPU_LIMIT_MS = 2000;
const MEMORY_LIMIT_BYTES = 256 * MIB;
const HEAD = "apiVersion: preclear/v1\nkind: Review\ndraft: zero-tolerance-2018\n";
const REVIEW = "examples/zero-tolerance-2018.review.yaml";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function projectWithReview(text: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "preclear-quadratic-"));
  dirs.push(root);
  mkdirSync(path.join(root, ".git"));
  cpSync(path.join(REPO_ROOT, "examples"), path.join(root, "examples"), { recursive: true });
  writeFileSync(path.join(root, REVIEW), text);
  return root;
}

const lines = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i)).join("");

describe("linear in the number of keys and problems", () => {
  test("20,000 unknown review keys: validate lists 1,000 and counts the rest, within budget", () => {
    const root = projectWithReview(HEAD + lines(20_000, (i) => `k${i}: 1\n`));
    const result = measureCli(["validate", REVIEW], { cwd: root });
    expect(result.timedOut).toBe(false);
    expect(crashSigns(result)).toEqual([]);
    expect(result.code).toBe(1);
    const problems = linesOf(result.stdout).filter((l) => l.startsWith("✖ "));
    expect(problems).toHaveLength(1001);
    expect(problems[0]).toBe(`✖ ${REVIEW}:4:1: unknown property \`k0\``);
    expect(problems[1000]).toBe(
      `✖ ${REVIEW}:1003:1: and 19000 more schema problems in this file, not listed; fix these first`,
    );
    expect(result.cpuMs).toBeLessThan(CPU_LIMIT_MS);
    expect(result.maxRssBytes).toBeLessThan(MEMORY_LIMIT_BYTES);
  });

  test("15,000 review items the checklist does not have: check reports each, within budget", () => {
    const root = projectWithReview(
      `${HEAD}stakeholders:\n  usms:\n    items:\n${lines(15_000, (i) => `      unknown-${i}: {status: open}\n`)}`,
    );
    const result = measureCli(["--as-of", "2018-04-01", "check", "examples", "-f", "json"], {
      cwd: root,
    });
    expect(result.timedOut).toBe(false);
    expect(crashSigns(result)).toEqual([]);
    const findings = (
      JSON.parse(result.stdout) as { drafts: Array<{ findings: Array<{ ruleId: string }> }> }
    ).drafts.flatMap((d) => d.findings);
    expect(findings.filter((f) => f.ruleId === "orphan-response")).toHaveLength(15_000);
    expect(result.cpuMs).toBeLessThan(CPU_LIMIT_MS);
    expect(result.maxRssBytes).toBeLessThan(MEMORY_LIMIT_BYTES);
  });

  test("duplicate keys are still refused, at the first repeat in the file", () => {
    expect(() => parseYaml("f.yaml", "a: 1\nb:\n  x: 1\n  x: 2\na: 3\n")).toThrow(
      "f.yaml:4:3: duplicate key: each key may appear only once in a mapping",
    );
    // 1 and "1" are different keys, as YAML compares them.
    expect(() => parseYaml("f.yaml", '1: a\n"1": b\n')).not.toThrow();
  });
});

describe("a file with too many keys and list entries is refused before it is parsed", () => {
  test("a 1 MiB flow list: one positioned line, cheaply", () => {
    const root = projectWithReview(
      `${HEAD}notes: [${Array.from({ length: 500_000 }, () => "1").join(",")}]\n`,
    );
    const result = measureCli(["validate", REVIEW], { cwd: root });
    expect(result.code).toBe(1);
    const problems = linesOf(result.stdout).filter((l) => l.startsWith("✖ "));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `^✖ ${REVIEW.replace(/\./g, "\\.")}:4:\\d+: more than ${MAX_YAML_NODES.toLocaleString("en-US")} keys and list entries in one file; split it$`,
      ),
    );
    expect(result.cpuMs).toBeLessThan(CPU_LIMIT_MS);
    expect(result.maxRssBytes).toBeLessThan(MEMORY_LIMIT_BYTES);
  });

  test("block lists count too; a file just under the bound parses", () => {
    const over = `items:\n${lines(MAX_YAML_NODES + 1, () => "- 1\n")}`;
    expect(() => parseYaml("f.yaml", over)).toThrow(PreclearError);
    const under = `items:\n${lines(MAX_YAML_NODES - 10, () => "- 1\n")}`;
    expect(() =>
      parseYaml("f.yaml", under, { maxBytes: 4 * MIB, maxAliasCount: 100, maxDepth: 64 }),
    ).not.toThrow();
  });
});
