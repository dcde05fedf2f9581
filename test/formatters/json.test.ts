import { json } from "../../src/formatters/json.js";
import {
  checkResult,
  cleanResult,
  draft,
  finding,
  manyFindingsResult,
  OPTIONS,
} from "../fixtures/formatters/findings.js";

describe("json output", () => {
  it("gives scripts a fixed shape: version, asOf, drafts with findings, summary", () => {
    const result = checkResult([
      draft([
        finding({ endLine: 12, endColumn: 30 }),
        finding({
          level: "warning",
          ruleId: "overdue",
          stakeholder: undefined,
          item: undefined,
          line: 3,
        }),
      ]),
    ]);
    expect(JSON.parse(json(result, OPTIONS))).toEqual({
      version: "1.2.3",
      asOf: "2018-04-01",
      drafts: [
        {
          file: "drafts/zero-tolerance-2018.md",
          draftId: "zero-tolerance-2018",
          title: "Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)",
          findings: [
            {
              ruleId: "overdue",
              level: "warning",
              message: "Has USMS confirmed pretrial detention space? The item is open",
              stakeholder: null,
              item: null,
              location: {
                file: "drafts/zero-tolerance-2018.review.yaml",
                line: 3,
                column: 7,
                endLine: null,
                endColumn: null,
              },
            },
            {
              ruleId: "item-open",
              level: "error",
              message: "Has USMS confirmed pretrial detention space? The item is open",
              stakeholder: "usms",
              item: "detention-capacity",
              location: {
                file: "drafts/zero-tolerance-2018.review.yaml",
                line: 12,
                column: 7,
                endLine: 12,
                endColumn: 30,
              },
            },
          ],
        },
      ],
      summary: { error: 1, warning: 1, note: 0 },
    });
  });

  it("keeps keys in a stable order, pretty-printed", () => {
    const output = json(cleanResult(), OPTIONS);
    expect(output).toBe(
      [
        "{",
        '  "version": "1.2.3",',
        '  "asOf": "2018-04-01",',
        '  "drafts": [',
        "    {",
        '      "file": "drafts/zero-tolerance-2018.md",',
        '      "draftId": "zero-tolerance-2018",',
        '      "title": "Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)",',
        '      "findings": []',
        "    }",
        "  ],",
        '  "summary": {',
        '    "error": 0,',
        '    "warning": 0,',
        '    "note": 0',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("summarises every draft's findings and lists drafts by path", () => {
    const parsed = JSON.parse(json(manyFindingsResult(3), OPTIONS)) as {
      drafts: { file: string }[];
      summary: Record<string, number>;
    };
    expect(parsed.summary).toEqual({ error: 6, warning: 6, note: 6 });
    expect(parsed.drafts.map((d) => d.file)).toEqual([
      "drafts/clean.md",
      "drafts/usms-orr.md",
      "drafts/zero-tolerance-2018.md",
    ]);
  });

  it("carries any message through unchanged, control characters included", () => {
    const message = 'quote " backslash \\ nul \u0000 lone \uD800 end';
    const parsed = JSON.parse(json(checkResult([draft([finding({ message })])]), OPTIONS)) as {
      drafts: { findings: { message: string }[] }[];
    };
    expect(parsed.drafts[0]?.findings[0]?.message).toBe(message);
  });
});
