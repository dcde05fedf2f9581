import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gitTopLevel } from "../../src/cli/io.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
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
    expect(original).toEqual({ "preclearFinding/v2": expect.stringMatching(/^[0-9a-f]{64}:1$/) });
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
      (r) => r.partialFingerprints["preclearFinding/v2"],
    );
    expect(new Set(prints).size).toBe(2);
  });

  it("names the fact or problem in the fingerprint of a finding without stakeholder or item", () => {
    const fact = (message: string) =>
      finding({ ruleId: "fact-missing", stakeholder: undefined, item: undefined, message });
    const printOf = (findings: ReturnType<typeof finding>[], message: string) =>
      onlyRun(parse(sarif(checkResult([draft(findings)]), OPTIONS))).results.find(
        (r) => r.message.text === message,
      )?.partialFingerprints["preclearFinding/v2"];
    const alone = printOf([fact("fact `b` has no value")], "fact `b` has no value");
    const withAnother = printOf(
      [fact("fact `a` has no value"), fact("fact `b` has no value")],
      "fact `b` has no value",
    );
    expect(withAnother).toBe(alone);
  });

  it("describes every rule with a friendly name, help text and Markdown, and a help URI", () => {
    const { rules } = onlyRun(parse(sarif(cleanResult(), OPTIONS))).tool.driver as unknown as {
      rules: {
        id: string;
        name: string;
        helpUri: string;
        help: { text: string; markdown: string };
      }[];
    };
    expect(rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const rule of rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(rule.help.text.length).toBeGreaterThan(40);
      expect(rule.help.markdown).toContain(`](${rule.helpUri})`);
      expect(rule.helpUri).toMatch(/^https:\/\/.+#/);
    }
    expect(rules.find((r) => r.id === "non-concurrence")?.name).toBe("NonConcurrence");
  });

  it("gives URIs relative to the repository root when run in a subdirectory", () => {
    const log = parse(
      sarif(checkResult([draft([finding()])]), { ...OPTIONS, cwd: "/repo/drafts", root: "/repo" }),
    );
    const run = onlyRun(log);
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///repo/" } });
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: "drafts/zero-tolerance-2018.review.yaml",
      uriBaseId: "%SRCROOT%",
    });
    expect(validate(log)).toBe(true);
  });

  it("orders results by what blocks most: a non-concurrence before an open item", () => {
    const result = checkResult([
      draft([
        finding({ line: 1 }),
        finding({ ruleId: "non-concurrence", stakeholder: "zzz", item: undefined, line: 90 }),
      ]),
    ]);
    const ids = onlyRun(parse(sarif(result, OPTIONS))).results.map((r) => r.ruleId);
    expect(ids).toEqual(["non-concurrence", "item-open"]);
  });
});

describe("check -f sarif from a subdirectory", () => {
  it("gives URIs from the project root, where GitHub looks for them", async () => {
    const { stdout } = await runCli(["check", ".", "-f", "sarif"], {
      cwd: path.join(REPO_ROOT, "examples"),
    });
    const run = onlyRun(parse(stdout));
    const uris = run.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    // Every URI is relative to the repository root (a finding about missing
    // facts points at the draft's front matter, the rest at the reviews).
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri).toMatch(/^examples\/[a-z0-9-]+\.(review\.yaml|md)$/);
    expect(new Set(uris)).toContain("examples/zero-tolerance-2018.review.yaml");
    expect(new Set(uris)).toContain("examples/firearms-trafficking-2026.review.yaml");
    expect(run.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(pathToFileURL(`${REPO_ROOT}/`).href);
  });

  it("finds the repository root with git, through the path the user is in", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "preclear-root-"));
    try {
      mkdirSync(path.join(dir, "repo", "sub"), { recursive: true });
      expect(spawnSync("git", ["init", "-q"], { cwd: path.join(dir, "repo") }).status).toBe(0);
      symlinkSync(path.join(dir, "repo"), path.join(dir, "link"));
      expect(gitTopLevel(path.join(dir, "link", "sub"))).toBe(path.join(dir, "link"));
      expect(gitTopLevel(tmpdir())).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
