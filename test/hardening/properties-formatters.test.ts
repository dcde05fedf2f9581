/**
 * Property: every finding formatter, over arbitrary findings built in memory
 * (no loader involved), gives output valid for its format
 * (helpers/properties.ts: formatAll) and the same bytes whatever order the
 * findings come in. Ends with xmllint over the JUnit sample. The overview of
 * the property files is in properties.test.ts.
 */
import fc from "fast-check";
import type { CheckResult, Finding } from "../../src/core/rules/findings.js";
import { RULE_IDS } from "../../src/core/rules/findings.js";
import {
  anyText,
  assertSame,
  checkJunitSample,
  formatAll,
  RUNS,
  TIMEOUT_MS,
  validDate,
} from "./helpers/properties.js";

describe("formatters over arbitrary findings, built in memory", () => {
  const location = fc.record(
    {
      file: fc.oneof(
        fc.constantFrom("policy.md", "a/b.review.yaml", "../outside.yaml", "/abs/path.yaml"),
        anyText.map((s) => `dir/${s}.yaml`),
      ),
      line: fc.integer({ min: 1, max: 1_000_000 }),
      column: fc.integer({ min: 1, max: 10_000 }),
      endLine: fc.integer({ min: 1, max: 1_000_000 }),
      endColumn: fc.integer({ min: 1, max: 10_000 }),
    },
    { requiredKeys: ["file", "line", "column"] },
  );
  const finding: fc.Arbitrary<Finding> = fc.record(
    {
      ruleId: fc.constantFrom(...RULE_IDS),
      level: fc.constantFrom("error", "warning", "note"),
      message: anyText,
      draft: fc.constantFrom("policy.md", "other.md"),
      draftId: anyText,
      stakeholder: anyText,
      item: anyText,
      location,
    },
    { requiredKeys: ["ruleId", "level", "message", "draft", "location"] },
  ) as fc.Arbitrary<Finding>;
  const result: fc.Arbitrary<CheckResult> = fc.record({
    asOf: validDate,
    drafts: fc.array(
      fc.record(
        {
          file: fc.oneof(fc.constantFrom("policy.md", "other.md"), anyText),
          draftId: anyText,
          title: anyText,
          findings: fc.array(finding, { maxLength: 12 }),
        },
        { requiredKeys: ["file", "findings"] },
      ),
      { maxLength: 3 },
    ),
  });

  test(
    "every format stays valid and deterministic",
    () => {
      fc.assert(
        fc.property(result, (checkResult) => {
          const first = formatAll(checkResult);
          const reordered: CheckResult = {
            ...checkResult,
            drafts: checkResult.drafts.map((d) => ({ ...d, findings: [...d.findings].reverse() })),
          };
          // The same findings in another order give the same bytes (except json, which keeps order).
          const second = formatAll(reordered);
          for (const name of ["sarif", "junit", "github", "markdown", "stylish"]) {
            assertSame(second[name], first[name], `the ${name} output, findings in another order`);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

describe("JUnit output, by the reference checker", () => {
  test("a sample of the generated JUnit files is well-formed and valid against JUnit.xsd (xmllint)", () => {
    // Collected by formatAll in the property above.
    checkJunitSample();
  });
});
