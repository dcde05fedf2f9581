/** The one severity ranking every format shares. */
import { RULE_IDS } from "../../src/core/rules/findings.js";
import type { Finding } from "../../src/core/rules/findings.js";
import { rankGroups, ruleCounts, ruleWeight, severity } from "../../src/formatters/rank.js";
import { finding } from "../fixtures/formatters/findings.js";

describe("the severity ranking", () => {
  it("puts a non-concurrence, a capacity shortfall and broken signatures before open items", () => {
    const order = [
      "non-concurrence",
      "capacity-shortfall",
      "signature-invalid",
      "signoff-stale",
      "decision-missing",
      "item-open",
      "signoff-missing",
    ] as const;
    const weights = order.map(ruleWeight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it("ranks by level first: a configured warning never outranks an error", () => {
    const warning = finding({ ruleId: "non-concurrence", level: "warning" });
    const error = finding({ ruleId: "orphan-response", level: "error" });
    expect(severity(error)).toBeGreaterThan(severity(warning));
  });

  it("weighs every rule of the section 7 list, and has a place for rules added later", () => {
    for (const id of RULE_IDS) expect(ruleWeight(id)).toBeGreaterThan(0);
    expect(ruleWeight("some-future-rule")).toBeGreaterThan(ruleWeight("overdue"));
    expect(ruleWeight("some-future-rule")).toBeLessThan(ruleWeight("item-open"));
  });

  it("orders groups by their worst finding, then by how many errors", () => {
    const findings: Finding[] = [
      finding({ stakeholder: "a" }),
      finding({ stakeholder: "a" }),
      finding({ stakeholder: "b", ruleId: "non-concurrence" }),
      finding({ stakeholder: "c" }),
    ];
    const groups = rankGroups(
      findings,
      (f) => f.stakeholder ?? "",
      (x, y) => (x < y ? -1 : 1),
    );
    expect(groups.map((g) => g.key)).toEqual(["b", "a", "c"]);
  });

  it("says counts in words, worst rule first", () => {
    expect(
      ruleCounts([
        finding(),
        finding({ ruleId: "capacity-shortfall" }),
        finding(),
        finding({ ruleId: "decision-missing" }),
      ]),
    ).toBe("1 capacity shortfall, 1 decision missing, 2 open items");
  });
});
