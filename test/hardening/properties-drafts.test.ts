/**
 * Property: arbitrary fact values and arbitrary strings in every draft and
 * review field go through the loaders, the evaluator, the rules, every
 * formatter and every report renderer: nothing throws but a positioned
 * PreclearError, every output stays valid (helpers/properties.ts: formatAll,
 * renderAll), and loading again gives the same bytes. Ends with xmllint over
 * the JUnit sample. The overview of the property files is in
 * properties.test.ts.
 */
import fc from "fast-check";
import {
  assertSame,
  checkJunitSample,
  draftArb,
  library,
  pipeline,
  reviewArb,
  RUNS,
  TIMEOUT_MS,
  writeDraft,
} from "./helpers/properties.js";
import type { Generated } from "./helpers/properties.js";

describe("the evaluator, formatters and renderers over generated drafts and reviews", () => {
  const generated = fc.record({
    draft: draftArb,
    review: fc.option(reviewArb, { freq: 6 }),
    json: fc.boolean(),
  }) as fc.Arbitrary<Generated>;

  test(
    "arbitrary fact values and arbitrary strings in every draft and review field",
    () => {
      let evaluated = 0;
      fc.assert(
        fc.property(generated, (input) => {
          const file = writeDraft(input);
          const first = pipeline(file);
          if (!first) return;
          evaluated++;
          // Deterministic: loading and rendering again gives the same bytes.
          const second = pipeline(file, library, false);
          const { "stylish (colour)": _coloured, ...formatted } = first.formatted;
          assertSame(second?.formatted, formatted, "the formatted output, loaded again");
          assertSame(second?.rendered, first.rendered, "the rendered reports, loaded again");
        }),
        { numRuns: RUNS },
      );
      // Most cases must get past the loaders, or the property tests little.
      expect(evaluated).toBeGreaterThan(RUNS * 0.3);
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
