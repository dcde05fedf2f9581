/**
 * The scenario harness must be strict, or a scenario could pass while the CLI
 * misbehaves: these tests pin down what its comparisons accept and reject.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../helpers/fixtures.js";
import { findingMatches, loadScenario, matchJson, runScenario } from "./harness.js";

describe("matchJson", () => {
  test("objects match by subset; every expected key must match", () => {
    expect(matchJson({ a: 1, b: 2 }, { a: 1 })).toEqual([]);
    expect(matchJson({ a: 1 }, { a: 2 })).toEqual(["$.a: expected 2, got 1"]);
    expect(matchJson({ a: 1 }, { b: 1 })).toEqual(["$.b: missing"]);
  });

  test("arrays must have the same length and match element by element", () => {
    expect(matchJson([{ id: "a", x: 1 }], [{ id: "a" }])).toEqual([]);
    expect(matchJson([1, 2], [1])).toHaveLength(1);
    expect(matchJson([2, 1], [1, 2])).toHaveLength(2);
    expect(matchJson([], [])).toEqual([]);
  });

  test("null, false and 0 are values, not wildcards", () => {
    expect(matchJson({ a: null }, { a: null })).toEqual([]);
    expect(matchJson({ a: 0 }, { a: null })).toHaveLength(1);
    expect(matchJson({ a: false }, { a: 0 })).toHaveLength(1);
  });

  test("$includes needs a distinct match for each pattern, $excludes none", () => {
    const list = [{ id: "a" }, { id: "b" }];
    expect(matchJson(list, { $includes: [{ id: "b" }] })).toEqual([]);
    expect(matchJson(list, { $includes: [{ id: "a" }, { id: "a" }] })).toHaveLength(1);
    expect(matchJson(list, { $excludes: [{ id: "c" }] })).toEqual([]);
    expect(matchJson(list, { $excludes: [{ id: "a" }] })).toHaveLength(1);
  });

  test("$contains, $length and $absent", () => {
    expect(matchJson({ m: "abc" }, { m: { $contains: "b" } })).toEqual([]);
    expect(matchJson({ m: "abc" }, { m: { $contains: "d" } })).toHaveLength(1);
    expect(matchJson([1, 2], { $length: 2 })).toEqual([]);
    expect(matchJson({ a: 1 }, { b: { $absent: true } })).toEqual([]);
    expect(matchJson({ a: 1 }, { a: { $absent: true } })).toHaveLength(1);
  });
});

describe("finding patterns", () => {
  const finding = {
    ruleId: "item-open",
    level: "error",
    at: "memo.review.yaml:2:9",
    stakeholder: "usms",
    item: null,
    message: "blocker item usms/detention is open",
    draft: "memo.md",
  };
  let dir: string;
  let remove: () => void;
  beforeAll(() => {
    ({ dir, remove } = tempDir());
    writeFileSync(path.join(dir, "memo.review.yaml"), "a: 1\nstatus: open\n");
  });
  afterAll(() => remove());

  test("keys compare exactly, message as a substring, null as none", () => {
    expect(findingMatches(finding, { ruleId: "item-open", item: null }, dir)).toBe(true);
    expect(findingMatches(finding, { message: "usms/detention" }, dir)).toBe(true);
    expect(findingMatches(finding, { ruleId: "item" }, dir)).toBe(false);
    expect(findingMatches(finding, { stakeholder: null }, dir)).toBe(false);
    expect(findingMatches(finding, { at: "memo.review.yaml:2:8" }, dir)).toBe(false);
  });

  test("pointsAt reads the file at the finding's position", () => {
    expect(findingMatches(finding, { pointsAt: "open" }, dir)).toBe(true);
    expect(findingMatches(finding, { pointsAt: "status" }, dir)).toBe(false);
  });
});

describe("scenario files", () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = tempDir()));
  afterEach(() => remove());

  test("a misspelt key is refused rather than silently checking nothing", () => {
    const file = path.join(dir, "typo.yaml");
    writeFileSync(
      file,
      "description: x\ncommand: [check]\nexpect:\n  status: 0\n  stdout:\n    contain: [x]\n",
    );
    expect(() => loadScenario(file)).toThrow("unknown key `contain` in expect.stdout");
  });

  test("a scenario whose expectation is wrong reports each difference", async () => {
    const { problems } = await runScenario({
      description: "wrong on purpose",
      command: ["check", "no-such-path", "--format", "json"],
      expect: { status: 0, stderr: { empty: true }, stdout: { contains: ["anything"] } },
    });
    expect(problems).toEqual([
      "exit status is 2, expected 0",
      'stdout lacks "anything"',
      "stderr should be empty",
    ]);
  });
});
