/**
 * Property: arbitrary strings in every checklist field (names, questions,
 * guidance, sources, units, conditions) go through the loaders, the
 * evaluator, the rules, every formatter and every report renderer: nothing
 * throws but a positioned PreclearError, every output stays valid
 * (helpers/properties.ts: formatAll, renderAll), and loading again gives the
 * same reports. Ends with xmllint over the JUnit sample. The overview of the
 * property files is in properties.test.ts.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import {
  assertSame,
  checkJunitSample,
  documentLink,
  factsArb,
  fileText,
  fresh,
  mostly,
  pipeline,
  RUNS,
  someText,
  TIMEOUT_MS,
  yamlText,
} from "./helpers/properties.js";

describe("the evaluator, formatters and renderers over generated checklists", () => {
  test(
    "arbitrary strings in every checklist field (names, questions, guidance, sources, units)",
    () => {
      const checklistStrings = fc.record({
        title: someText,
        description: fileText,
        sourceTitle: someText,
        sourceUrl: mostly(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          documentLink,
        ),
        question: someText,
        help: fileText,
        unit: fileText,
        name: someText,
        agency: fileText,
        stakeholderDescription: fileText,
        itemQuestion: someText,
        guidance: fileText,
        capacityUnit: fileText,
        condition: fc.oneof(
          {
            weight: 5,
            arbitrary: fc.constantFrom("facts.count > 3", "true", "facts.count >= 0 && true"),
          },
          { weight: 1, arbitrary: fileText },
        ),
      });
      const lib = new ChecklistLibrary();
      let evaluated = 0;
      fc.assert(
        fc.property(checklistStrings, factsArb, fc.boolean(), (s, facts, json) => {
          const checklistFile = fresh("checklist-#.yaml");
          const checklist = {
            apiVersion: "preclear/v1",
            kind: "Checklist",
            id: "strings",
            title: s.title,
            version: "1.0.0",
            description: s.description,
            sources: [{ id: "src", title: s.sourceTitle, url: s.sourceUrl }],
            facts: { count: { type: "integer", question: s.question, help: s.help, unit: s.unit } },
            stakeholders: [
              {
                id: "office",
                name: s.name,
                agency: s.agency,
                description: s.stakeholderDescription,
                appliesWhen: s.condition,
                items: [
                  {
                    id: "item",
                    question: s.itemQuestion,
                    guidance: s.guidance,
                    severity: "blocker",
                    due: "P10D",
                    evidence: ["contact"],
                    capacity: { demand: "facts.count", unit: s.capacityUnit },
                    sources: ["src"],
                  },
                ],
              },
            ],
          };
          writeFileSync(checklistFile, yamlText(checklist, json));
          const file = fresh("strings-#.md");
          const count = (facts as Record<string, unknown>).count;
          writeFileSync(
            file,
            `---\n${yamlText(
              {
                preclear: {
                  id: "strings",
                  title: s.title,
                  issuanceDate: "2018-04-06",
                  checklists: [`./${path.basename(checklistFile)}`],
                  ...(count === undefined ? {} : { facts: { count } }),
                },
              },
              json,
            )}---\n${s.description}`,
          );
          const first = pipeline(file, lib);
          if (!first) return;
          evaluated++;
          assertSame(
            pipeline(file, lib, false)?.rendered,
            first.rendered,
            "the rendered reports, loaded again",
          );
        }),
        { numRuns: RUNS },
      );
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
