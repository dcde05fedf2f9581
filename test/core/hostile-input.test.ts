/**
 * Hostile input: whatever a file contains, preclear answers with ONE line
 * naming the file, line and column — never a stack trace, never a hang, never
 * a polluted Object.prototype.
 *
 * Each run is the built binary (`npm run build` first), measured by
 * test/hardening/helpers/measure.ts: its CPU time and peak memory are bounded
 * (a hang or an expansion shows there), never its wall time, which on a
 * loaded machine measures the neighbours. Speed targets live in `npm run bench`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { crashSigns, linesOf, positionedLines, REPO_ROOT, runCli } from "../helpers/cli.js";
import { fixture, tempDir } from "../helpers/fixtures.js";
import { measureCli, MIB } from "../hardening/helpers/measure.js";
import type { Measured } from "../hardening/helpers/measure.js";
import { PreclearError } from "../../src/core/diagnostics.js";
import { parseYaml } from "../../src/core/load/yaml.js";

const HOSTILE_DIR = fixture("hostile");
/** Budgets of one run, start-up included (as in test/hardening/corpus.test.ts). */
const CPU_LIMIT_MS = 2000;
const MEMORY_LIMIT_BYTES = 256 * MIB;
const HEADER =
  "apiVersion: preclear/v1\nkind: Checklist\nid: hostile\ntitle: Hostile\nversion: 1.0.0\n";

/**
 * The file's one problem is one `file:line:col: message` line, the run ended
 * on its own within its CPU and memory budgets, and nothing looks like a crash.
 */
function expectOneLineError(result: Measured, expected: string): void {
  expect(result.timedOut).toBe(false);
  expect(positionedLines(result)).toEqual([expected]);
  expect(crashSigns(result)).toEqual([]);
  expect(result.cpuMs).toBeLessThan(CPU_LIMIT_MS);
  expect(result.maxRssBytes).toBeLessThan(MEMORY_LIMIT_BYTES);
}

/** `preclear validate FILE`: the problem is on stdout, exit 1, stderr silent. */
function validateHostile(file: string, cwd: string, extraArgs: string[] = []): Measured {
  const result = measureCli([...extraArgs, "validate", file], { cwd });
  expect(result.code).toBe(1);
  expect(result.stderr).toBe("");
  return result;
}

/**
 * The same file given as `--config`: the config is unusable, so the problem is
 * the only line on stderr and the exit code is 2.
 */
function configHostile(file: string, cwd: string): Measured {
  const result = measureCli(
    ["--config", file, "validate", path.join(REPO_ROOT, "checklists", "base-policy.yaml")],
    { cwd },
  );
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(linesOf(result.stderr)).toHaveLength(1);
  return result;
}

describe("hostile input (committed fixtures in test/fixtures/hostile)", () => {
  test("malformed YAML: the syntax error is reported where the parser stopped", () => {
    const expected =
      "malformed.yaml:5:8: YAML syntax error: Nested mappings are not allowed in compact mappings";
    expectOneLineError(validateHostile("malformed.yaml", HOSTILE_DIR), `✖ ${expected}`);
    expectOneLineError(configHostile("malformed.yaml", HOSTILE_DIR), expected);
  });

  test("duplicate keys: reported at the second occurrence of the key", () => {
    const expected =
      "duplicate-keys.yaml:7:1: duplicate key: each key may appear only once in a mapping";
    expectOneLineError(validateHostile("duplicate-keys.yaml", HOSTILE_DIR), `✖ ${expected}`);
    expectOneLineError(configHostile("duplicate-keys.yaml", HOSTILE_DIR), expected);
  });

  test("a billion-laughs alias bomb (9 levels of 9 aliases) is refused, not expanded", () => {
    const expected =
      "alias-bomb.yaml:1:1: too many alias expansions (more than 100); is this an alias bomb?";
    expectOneLineError(validateHostile("alias-bomb.yaml", HOSTILE_DIR), `✖ ${expected}`);
    expectOneLineError(configHostile("alias-bomb.yaml", HOSTILE_DIR), expected);
  });

  test("a `__proto__` key is refused at the key", () => {
    const expected = 'proto-key.yaml:7:1: key "__proto__" is not allowed';
    expectOneLineError(validateHostile("proto-key.yaml", HOSTILE_DIR), `✖ ${expected}`);
    expectOneLineError(configHostile("proto-key.yaml", HOSTILE_DIR), expected);
  });

  test("a nested `constructor` key is refused at the key", () => {
    const expected = 'constructor-key.yaml:10:5: key "constructor" is not allowed';
    expectOneLineError(validateHostile("constructor-key.yaml", HOSTILE_DIR), `✖ ${expected}`);
  });

  test("a `prototype` key (here a fact name) is refused at the key", () => {
    const expected = 'prototype-key.yaml:8:3: key "prototype" is not allowed';
    expectOneLineError(validateHostile("prototype-key.yaml", HOSTILE_DIR), `✖ ${expected}`);
  });
});

describe("hostile input generated at test time (too big to commit)", () => {
  const temp = tempDir();
  const DEPTH = 10_000;

  beforeAll(() => {
    // 50 MiB exactly: a valid header and one enormous block scalar.
    const line = `  ${"x".repeat(97)}\n`;
    const body = line.repeat(Math.floor((50 * 1024 * 1024 - HEADER.length - 15) / line.length));
    const big = `${HEADER}description: |\n${body}`;
    writeFileSync(
      path.join(temp.dir, "fifty-megabytes.yaml"),
      big + "#".repeat(50 * 1024 * 1024 - Buffer.byteLength(big) - 1) + "\n",
    );
    writeFileSync(
      path.join(temp.dir, "deep-flow.yaml"),
      `${HEADER}stakeholders: ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`,
    );
    // Block sequences nest on one line (`- - - x`), so 10,000 levels stay small.
    writeFileSync(
      path.join(temp.dir, "deep-block-sequence.yaml"),
      `${HEADER}stakeholders:\n${"- ".repeat(DEPTH)}x\n`,
    );
    // Block mappings nest by indentation: 10,000 levels at one space each is
    // ~50 MB, so this one runs with the size limit raised (below).
    const lines = [HEADER, "facts:\n"];
    for (let depth = 1; depth <= DEPTH; depth++) lines.push(`${" ".repeat(depth)}k:\n`);
    lines.push(`${" ".repeat(DEPTH + 1)}v: 1\n`);
    writeFileSync(path.join(temp.dir, "deep-block-indentation.yaml"), lines.join(""));
    writeFileSync(
      path.join(temp.dir, "big-files.config.yaml"),
      "limits:\n  maxFileBytes: 100000000\n",
    );
    // Just past the limit, the exact (post-parse) check names the first collection too deep.
    writeFileSync(
      path.join(temp.dir, "depth-65.yaml"),
      `${HEADER}stakeholders: ${"[".repeat(100)}${"]".repeat(100)}\n`,
    );
  });

  afterAll(() => temp.remove());

  test("a 50 MB file is refused by size before it is parsed", () => {
    const expected =
      "fifty-megabytes.yaml:1:1: file is 50.0 MiB, larger than the 1.0 MiB limit (raise limits.maxFileBytes in preclear.config.yaml if this is intended)";
    expectOneLineError(validateHostile("fifty-megabytes.yaml", temp.dir), `✖ ${expected}`);
    expectOneLineError(configHostile("fifty-megabytes.yaml", temp.dir), expected);
  });

  test("10,000-deep flow nesting `[[[[…` is refused, not recursed into", () => {
    const expected = "deep-flow.yaml:6:143: nesting deeper than 64 levels";
    expectOneLineError(validateHostile("deep-flow.yaml", temp.dir), `✖ ${expected}`);
    expectOneLineError(configHostile("deep-flow.yaml", temp.dir), expected);
  });

  test("10,000-deep block sequences `- - - …` are refused, not recursed into", () => {
    const expected = "deep-block-sequence.yaml:7:20001: nesting deeper than 64 levels";
    expectOneLineError(validateHostile("deep-block-sequence.yaml", temp.dir), `✖ ${expected}`);
  });

  test("10,000-deep block indentation is refused, even with the size limit raised", () => {
    const expected = "deep-block-indentation.yaml:134:129: nesting deeper than 64 levels";
    expectOneLineError(
      validateHostile("deep-block-indentation.yaml", temp.dir, [
        "--config",
        "big-files.config.yaml",
      ]),
      `✖ ${expected}`,
    );
  });

  test("nesting just past the limit is reported at the first collection that is too deep", () => {
    // Document root is level 1, `stakeholders:` level 2, so bracket 64 is level 65.
    const expected = "depth-65.yaml:6:78: nesting deeper than 64 levels";
    expectOneLineError(validateHostile("depth-65.yaml", temp.dir), `✖ ${expected}`);
  });
});

describe("no prototype pollution", () => {
  const polluted = () => (({}) as Record<string, unknown>).polluted;

  afterEach(() => {
    // Never let one test's failure leak into the next.
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  test("parseYaml refuses `__proto__: {polluted: true}` and Object.prototype stays clean", () => {
    let thrown: unknown;
    try {
      parseYaml("proto.yaml", "title: x\n__proto__: {polluted: true}\n");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PreclearError);
    expect((thrown as PreclearError).diagnostics).toEqual([
      {
        location: expect.objectContaining({ file: "proto.yaml", line: 2, column: 1 }),
        message: 'key "__proto__" is not allowed',
      },
    ]);
    expect(polluted()).toBeUndefined();
  });

  test.each([
    ["JSON syntax", '{"__proto__": {"polluted": true}}', 1, 2],
    ["a quoted key", '"__proto__":\n  polluted: true\n', 1, 1],
    ["an escaped key", '"__\\x70roto__": {polluted: true}\n', 1, 1],
    ["an explicit key", "? __proto__\n: {polluted: true}\n", 1, 3],
    ["a nested key", "a:\n  b:\n    __proto__: {polluted: true}\n", 3, 5],
  ])("parseYaml refuses `__proto__` written in %s", (_how, text, line, column) => {
    expect(() => parseYaml("proto.yaml", text)).toThrow(
      `proto.yaml:${line}:${column}: key "__proto__" is not allowed`,
    );
    expect(polluted()).toBeUndefined();
  });

  test("parseYaml refuses `constructor: {prototype: {polluted: true}}`", () => {
    expect(() =>
      parseYaml("ctor.yaml", "constructor:\n  prototype:\n    polluted: true\n"),
    ).toThrow('ctor.yaml:1:1: key "constructor" is not allowed');
    expect(polluted()).toBeUndefined();
    expect(Object.prototype.constructor).toBe(Object);
  });

  test("validating the committed `__proto__` fixture in-process leaves Object.prototype clean", async () => {
    const { code, stdout } = await runCli(["validate", "proto-key.yaml", "constructor-key.yaml"], {
      cwd: HOSTILE_DIR,
    });
    expect(code).toBe(1);
    expect(stdout).toContain('proto-key.yaml:7:1: key "__proto__" is not allowed');
    expect(polluted()).toBeUndefined();
  });
});
