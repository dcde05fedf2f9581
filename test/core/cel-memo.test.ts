/**
 * A compiled condition remembers its recent outcomes by the values it read
 * (a run over many drafts answers the same facts alike). What it returns
 * must be what evaluating afresh returns, whatever was remembered before.
 */
import { CelScope } from "../../src/core/evaluate/cel.js";
import type { DraftContext, FactTable } from "../../src/core/evaluate/cel.js";
import type { FactValue } from "../../src/core/types/draft.js";

const TABLE = new Map([
  ["n", { type: "number", question: "N?" }],
  ["flag", { type: "boolean", question: "Flag?" }],
  ["districts", { type: "list", question: "Districts?" }],
]) as unknown as FactTable;
const DRAFT: DraftContext = {
  id: "d",
  title: "Zero tolerance",
  issuer: "I",
  issuanceDate: "2018-04-06",
  effectiveDate: "",
};

const facts = (values: Record<string, FactValue>) => new Map(Object.entries(values));

describe("remembered outcomes", () => {
  const scope = new CelScope(TABLE);
  const fresh = (expression: string, values: Record<string, FactValue>, draft = DRAFT) =>
    new CelScope(TABLE).compile(expression).evaluate(facts(values), TABLE, draft);
  const memo = (expression: string, values: Record<string, FactValue>, draft = DRAFT) =>
    scope.compile(expression).evaluate(facts(values), TABLE, draft);

  test("other values, other outcomes; the same values, the same outcome", () => {
    const runs: Array<Record<string, FactValue>> = [
      { flag: true, districts: ["ak"] },
      { flag: false, districts: ["ak"] },
      { flag: true, districts: ["sdca"] },
      { flag: true },
      { flag: true, districts: ["ak"] },
      { districts: [] },
    ];
    for (const values of runs) {
      const expression = "facts.flag && 'ak' in facts.districts";
      expect(memo(expression, values)).toEqual(fresh(expression, values));
    }
  });

  test("the reads reported are this call's values, not a remembered call's", () => {
    memo("facts.n > 1.0", { n: 2 });
    expect(memo("facts.n > 1.0", { n: 2 }).reads).toEqual([{ name: "n", value: 2 }]);
    expect(memo("facts.n > 1.0", {}).missing).toEqual(["n"]);
  });

  test("-0 and 0 are told apart (1.0 / x is -∞ or +∞)", () => {
    for (const n of [0, -0, 0]) {
      expect(memo("1.0 / facts.n < 0.0", { n })).toEqual(fresh("1.0 / facts.n < 0.0", { n }));
    }
  });

  test("a condition reading `draft` is evaluated every time", () => {
    const expression = "draft.title.contains('tolerance') && facts.flag";
    expect(memo(expression, { flag: true }).value).toBe(true);
    expect(memo(expression, { flag: true }, { ...DRAFT, title: "Other" }).value).toBe(false);
  });

  test("another fact table: nothing remembered is used", () => {
    const compiled = scope.compile("facts.n > 1.0");
    expect(compiled.evaluate(facts({ n: 2 }), TABLE, DRAFT).value).toBe(true);
    const integers = new Map([["n", { type: "integer", question: "N?" }]]) as unknown as FactTable;
    expect(compiled.evaluate(facts({ n: 2 }), integers, DRAFT)).toEqual(
      new CelScope(TABLE).compile("facts.n > 1.0").evaluate(facts({ n: 2 }), integers, DRAFT),
    );
  });
});
