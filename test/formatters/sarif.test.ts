import { readFileSync } from "node:fs";
import Ajv04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { RULE_IDS } from "../../src/core/rules/findings.js";
import { sarif } from "../../src/formatters/sarif.js";
import {
  checkResult,
  cleanResult,
  draft,
  finding,
  HOSTILE,
  manyFindingsResult,
  OPTIONS,
} from "../fixtures/formatters/findings.js";
import { fixture } from "../helpers/fixtures.js";

const SCHEMA_PATH = fixture("peers", "sarif-schema-2.1.0.json");

// Both packages are CommonJS whose module.exports also carries `.default`.
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule.default;

function schemaValidator() {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object);
}

interface SarifLog {
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        rules: { id: string; defaultConfiguration: { level: string } }[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region?: Record<string, number>;
        };
      }[];
      partialFingerprints: Record<string, string>;
      properties: Record<string, string>;
    }[];
  }[];
}

function parse(output: string): SarifLog {
  return JSON.parse(output) as SarifLog;
}

function onlyRun(log: SarifLog) {
  const [run] = log.runs;
  if (!run || log.runs.length !== 1) throw new Error("expected exactly one run");
  return run;
}

describe("sarif output", () => {
  const validate = schemaValidator();

  it.each([
    ["many findings", manyFindingsResult(6)],
    ["no findings", cleanResult()],
    ["no drafts", checkResult([])],
    [
      "hostile text",
      checkResult([draft([finding({ message: HOSTILE, file: "/repo/a b/c#d%e.yaml" })])]),
    ],
  ])("is valid SARIF 2.1.0 with %s", (_what, result) => {
    const log = JSON.parse(sarif(result, OPTIONS)) as unknown;
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("describes preclear and every rule, with default levels", () => {
    const run = onlyRun(parse(sarif(cleanResult(), OPTIONS)));
    expect(run.tool.driver.name).toBe("preclear");
    expect(run.tool.driver.version).toBe("1.2.3");
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(run.tool.driver.rules.find((r) => r.id === "overdue")?.defaultConfiguration).toEqual({
      level: "warning",
    });
    expect(run.results).toEqual([]);
  });

  it("locates each result relative to %SRCROOT%, the working directory", () => {
    const result = checkResult([draft([finding({ endLine: 13, endColumn: 4 })])]);
    const run = onlyRun(parse(sarif(result, OPTIONS)));
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///repo/" } });
    expect(run.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "drafts/zero-tolerance-2018.review.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 12, startColumn: 7, endLine: 13, endColumn: 4 },
    });
  });

  it("percent-encodes awkward file names and gives files outside cwd an absolute URI", () => {
    const result = checkResult([
      draft([
        finding({ file: "/repo/my drafts/memo#1 100%.review.yaml" }),
        finding({ file: "/elsewhere/shared.yaml", line: 1 }),
      ]),
    ]);
    const uris = onlyRun(parse(sarif(result, OPTIONS))).results.map(
      (r) => r.locations[0]?.physicalLocation.artifactLocation,
    );
    expect(uris).toEqual([
      { uri: "file:///elsewhere/shared.yaml" },
      { uri: "my%20drafts/memo%231%20100%25.review.yaml", uriBaseId: "%SRCROOT%" },
    ]);
  });

  it("points ruleIndex at the result's rule and keeps the finding's own level", () => {
    const result = checkResult([
      draft([finding({ level: "note" }), finding({ ruleId: "overdue", level: "warning" })]),
    ]);
    const run = onlyRun(parse(sarif(result, OPTIONS)));
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ["overdue", "warning"],
      ["item-open", "note"],
    ]);
  });

  it("carries draft, stakeholder and item as properties", () => {
    const run = onlyRun(parse(sarif(checkResult([draft([finding()])]), OPTIONS)));
    expect(run.results[0]?.properties).toEqual({
      draft: "drafts/zero-tolerance-2018.md",
      draftId: "zero-tolerance-2018",
      stakeholder: "usms",
      item: "detention-capacity",
    });
  });

  it("fingerprints a problem by rule, draft, stakeholder and item, not by its line", () => {
    const fingerprintOf = (f: ReturnType<typeof finding>) =>
      onlyRun(parse(sarif(checkResult([draft([f])]), OPTIONS))).results[0]?.partialFingerprints;
    const original = fingerprintOf(finding());
    expect(original).toEqual({ "preclearFinding/v1": expect.stringMatching(/^[0-9a-f]{64}:1$/) });
    expect(fingerprintOf(finding({ line: 40, column: 1, message: "reworded" }))).toEqual(original);
    expect(fingerprintOf(finding({ item: "other-item" }))).not.toEqual(original);
    expect(fingerprintOf(finding({ stakeholder: "hhs-orr" }))).not.toEqual(original);
    expect(fingerprintOf(finding({ ruleId: "overdue" }))).not.toEqual(original);
    expect(fingerprintOf(finding({ draftId: "other-draft" }))).not.toEqual(original);
  });

  it("keeps fingerprints distinct when findings share rule, draft, stakeholder and item", () => {
    const twoInvalid = [1, 2].map((line) =>
      finding({ ruleId: "invalid-file", stakeholder: undefined, item: undefined, line }),
    );
    const prints = onlyRun(parse(sarif(checkResult([draft(twoInvalid)]), OPTIONS))).results.map(
      (r) => r.partialFingerprints["preclearFinding/v1"],
    );
    expect(new Set(prints).size).toBe(2);
  });
});
