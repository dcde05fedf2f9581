/**
 * Class 3 of issue 17: regular expressions. CEL's `matches()` is RE2 by
 * specification; cel-js ran it with JavaScript's backtracking RegExp, so
 * `facts.code.matches("^(a+)+$")` against 36 characters ran for minutes.
 * Every `matches` now runs on re2js (linear time), patterns RE2 refuses are
 * refused when the checklist is validated, and regexes are costed in the
 * evaluation budget: statically for literal patterns, at run time for all.
 * The corpus (cel-regex-redos.yaml, draft-cel-regex-redos.md,
 * cel-regex-not-re2.yaml) holds the same inputs to the CPU and memory budget.
 */
import { CelScope, MAX_REGEX_COST } from "../../src/core/evaluate/cel.js";
import type { FactTable } from "../../src/core/evaluate/cel.js";
import type { FactValue } from "../../src/core/types/draft.js";

const TABLE = new Map([
  ["code", { type: "string", question: "Code?" }],
  ["pattern", { type: "string", question: "Pattern?" }],
  ["codes", { type: "list", question: "Codes?" }],
]) as unknown as FactTable;
const DRAFT = { id: "d", title: "T", issuer: "I", issuanceDate: "2018-04-06", effectiveDate: "" };

function evaluate(expression: string, facts: Record<string, FactValue>) {
  const scope = new CelScope(TABLE);
  const cpu = process.cpuUsage();
  const result = scope.compile(expression).evaluate(new Map(Object.entries(facts)), TABLE, DRAFT);
  const used = process.cpuUsage(cpu);
  return { ...result, cpuMs: (used.user + used.system) / 1000 };
}

describe("matches() is RE2: linear time", () => {
  test('"^(a+)+$" against 36 a\'s and a b: false, in a sliver of CPU (a backtracking engine takes minutes)', () => {
    const result = evaluate('facts.code.matches("^(a+)+$")', { code: `${"a".repeat(36)}b` });
    expect(result.error).toBeUndefined();
    expect(result.value).toBe(false);
    expect(result.cpuMs).toBeLessThan(500);
  });

  test("inside a comprehension too", () => {
    const result = evaluate('[1, 2, 3].exists(i, facts.code.matches("^(a+)+$"))', {
      code: `${"a".repeat(40)}!`,
    });
    expect(result.value).toBe(false);
    expect(result.cpuMs).toBeLessThan(500);
  });

  test("RE2 semantics: a partial match, as CEL specifies; flags inline", () => {
    expect(evaluate('facts.code.matches("b")', { code: "abc" }).value).toBe(true);
    expect(evaluate('facts.code.matches("^b")', { code: "abc" }).value).toBe(false);
    expect(evaluate('facts.code.matches("(?i)^ABC$")', { code: "abc" }).value).toBe(true);
    expect(evaluate('"x".matches(facts.pattern)', { pattern: "^x$" }).value).toBe(true);
  });
});

describe("patterns RE2 refuses, and regexes over the budget", () => {
  const scope = new CelScope(TABLE);

  test("a lookahead or a backreference is refused when validated, at the pattern", () => {
    const problem = scope.check('facts.code.matches("(?=a)a")', "bool");
    expect(problem?.message).toMatch(/^invalid regular expression \(RE2 syntax\)/);
    expect(problem?.offset).toBe(19);
    expect(scope.check('facts.code.matches("(a)\\\\1")', "bool")?.message).toMatch(/RE2 syntax/);
  });

  test("a literal pattern inside nested comprehensions is costed: refused over the budget", () => {
    const problem = scope.check(
      'facts.codes.exists(c, facts.codes.exists(d, d.matches("^[a-z]+[0-9]+$")))',
      "bool",
    );
    expect(problem?.message).toMatch(
      /^regular expressions may cost about .* more than the limit of 1,000,000/,
    );
  });

  test("a plain pattern against a text fact is within the budget", () => {
    expect(scope.check('facts.code.matches("^[A-Z]{2}-[0-9]{4}$")', "bool")).toBeUndefined();
  });

  test("type errors still speak of matches(), not of the function behind it", () => {
    expect(scope.check("facts.code.matches(1)", "bool")?.message).toContain("string.matches(int)");
  });

  test("at run time a pattern from a fact is costed too: over the budget, an error, not a hang", () => {
    // RE2 program size about 1,000, times 10,000 characters: ten times the budget.
    const pattern = "a{1000}b";
    const code = "a".repeat(10_000);
    const result = evaluate("facts.code.matches(facts.pattern)", { code, pattern });
    expect(result.value).toBeUndefined();
    expect(result.error).toMatch(/regular expressions in this expression cost more than the limit/);
    expect(MAX_REGEX_COST).toBe(1_000_000);
  });

  test("an invalid pattern from a fact is an evaluation error", () => {
    const result = evaluate("facts.code.matches(facts.pattern)", { code: "a", pattern: "(" });
    expect(result.error).toMatch(/invalid regular expression \(RE2 syntax\)/);
  });
});
