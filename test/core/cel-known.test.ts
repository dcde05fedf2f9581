/**
 * The build records the built-in checklists' CEL conditions that
 * type-checked, with the CEL types of the facts each reads
 * (dist/checklists.json `celChecks`); a run then skips type-checking a
 * condition it finds there with facts of the same types. These tests hold
 * the line between what may be skipped and what must still be checked.
 */
import { CelScope, checkKey } from "../../src/core/evaluate/cel.js";
import type { FactTable, KnownChecks } from "../../src/core/evaluate/cel.js";
import { precompiledChecklists } from "../../src/build/precompile.js";

const table = (facts: Record<string, string>): FactTable =>
  new Map(
    Object.entries(facts).map(([name, type]) => [name, { type, question: `${name}?` }]),
  ) as unknown as FactTable;

describe("conditions found sound before", () => {
  test("a recorded condition over facts of the recorded types is not type-checked again", () => {
    // A bogus record proves the skip: type-checked, `facts.n + 'x'` is an error.
    const known: KnownChecks = new Map([[checkKey("facts.n + 'x' == 1", "bool"), { n: "int" }]]);
    const scope = new CelScope(table({ n: "integer" }), known);
    expect(scope.check("facts.n + 'x' == 1", "bool")).toBeUndefined();
    expect(new CelScope(table({ n: "integer" })).check("facts.n + 'x' == 1", "bool")).toBeDefined();
  });

  test("the same text over a fact of another type is checked, and fails", () => {
    const known: KnownChecks = new Map([
      [checkKey("'ak' in facts.districts", "bool"), { districts: "list<string>" }],
    ]);
    const scope = new CelScope(table({ districts: "string" }), known);
    expect(scope.check("'ak' in facts.districts", "bool")?.message).toMatch(/overload|type/);
  });

  test("a fact the condition reads that is not declared here is an error, recorded or not", () => {
    const known: KnownChecks = new Map([[checkKey("facts.gone", "bool"), { gone: "bool" }]]);
    const scope = new CelScope(table({ other: "boolean" }), known);
    expect(scope.check("facts.gone", "bool")?.message).toMatch(/unknown fact or field `gone`/);
  });

  test("recorded under the other expected type: checked", () => {
    const known: KnownChecks = new Map([[checkKey("facts.n", "number"), { n: "int" }]]);
    const scope = new CelScope(table({ n: "integer" }), known);
    expect(scope.check("facts.n", "bool")?.message).toMatch(/true\/false/);
  });

  test("only conditions that read facts by name are recorded (their types are then all they read)", () => {
    const scope = new CelScope(table({ a: "boolean", b: "integer" }));
    for (const expression of ["facts.a", "facts.b > 2 && facts.a", "facts['a']", "size(facts) > 0"])
      scope.check(expression, "bool");
    expect(scope.soundChecks()).toEqual([
      [checkKey("facts.a", "bool"), { a: "bool" }],
      [checkKey("facts.b > 2 && facts.a", "bool"), { b: "int", a: "bool" }],
    ]);
  });

  test("a fact read under a unary operator counts: `!facts.a` needs `a` to be a bool", () => {
    const scope = new CelScope(table({ a: "boolean", n: "integer" }));
    scope.check("!facts.a", "bool");
    scope.check("-facts.n < 0", "bool");
    expect(scope.soundChecks()).toEqual([
      [checkKey("!facts.a", "bool"), { a: "bool" }],
      [checkKey("-facts.n < 0", "bool"), { n: "int" }],
    ]);
    const known = new Map(scope.soundChecks());
    expect(new CelScope(table({ a: "string" }), known).check("!facts.a", "bool")).toBeDefined();
  });

  test("an unanswered fact under `!` is a missing fact, not an evaluation error", () => {
    const scope = new CelScope(table({ a: "boolean" }));
    const draft = { id: "d", title: "T", issuer: "I", issuanceDate: "", effectiveDate: "" };
    const outcome = scope.compile("!facts.a").evaluate(new Map(), scope.facts, draft);
    expect(outcome).toEqual({ reads: [{ name: "a", value: undefined }], missing: ["a"] });
  });

  test("the build records every built-in condition that reads facts by name", () => {
    const { celChecks } = JSON.parse(precompiledChecklists()) as {
      celChecks: Array<[string, Record<string, string>]>;
    };
    const keys = new Map(celChecks);
    expect(keys.get(checkKey("facts.changesProsecutionVolume", "bool"))).toEqual({
      changesProsecutionVolume: "bool",
    });
    expect(celChecks.length).toBeGreaterThan(100);
  });
});
