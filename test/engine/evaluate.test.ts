/**
 * The engine below the CLI: loading a draft with its checklist and review,
 * deciding what applies with the facts of both, and the findings' places.
 * Fixtures: test/fixtures/engine/ (the checklist the scenarios share, a draft
 * that leaves one fact to its review, and that review).
 */
import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import { checkDraft } from "../../src/core/check.js";
import { evaluate, loadBundle } from "../../src/core/evaluate/evaluate.js";
import type { Evaluation } from "../../src/core/evaluate/evaluate.js";
import { explain } from "../../src/core/evaluate/explain.js";
import { lint } from "../../src/core/rules/lint.js";
import { fixture, lineOf, tempDir } from "../helpers/fixtures.js";

const DRAFT = fixture("engine", "memo.md");

function evaluateFixture(): Evaluation {
  return evaluate(loadBundle(DRAFT, new ChecklistLibrary()));
}

describe("evaluate", () => {
  test("facts come from the draft and the review, each remembered with where it was given", () => {
    const { facts, factLocations } = evaluateFixture();
    expect(Object.fromEntries(facts)).toEqual({
      changesVolume: true,
      isRule: false,
      defendantsPerMonth: 3000,
    });
    expect(path.basename(factLocations.get("changesVolume")!.file)).toBe("memo.md");
    expect(path.basename(factLocations.get("defendantsPerMonth")!.file)).toBe("memo.review.yaml");
  });

  test("stakeholders are in coordination order with the outcome of their condition", () => {
    const { stakeholders } = evaluateFixture();
    expect(
      stakeholders.map((s) => [s.stakeholder.id, s.applies, s.condition.expression ?? null]),
    ).toEqual([
      ["usao", true, null],
      ["usms", true, "facts.changesVolume"],
      ["oira", false, "facts.isRule"],
    ]);
    const oira = stakeholders.find((s) => s.stakeholder.id === "oira")!;
    expect(oira.condition.reads).toEqual([{ name: "isRule", value: false }]);
    // Items of a stakeholder that does not apply do not apply either.
    expect(oira.items.map((i) => i.applies)).toEqual([false]);
  });

  test("items get their condition, their CEL demand and their due date", () => {
    const usms = evaluateFixture().stakeholders.find((s) => s.stakeholder.id === "usms")!;
    const [detention, transport] = usms.items;
    expect(detention!.applies).toBe(true);
    expect(detention!.demand).toMatchObject({
      expression: "facts.defendantsPerMonth",
      value: 3000,
    });
    // issuanceDate 2018-04-06 − P30D
    expect(detention!.dueDate).toBe("2018-03-07");
    expect(detention!.response?.capacity).toBe(3000);
    expect(transport!.condition).toMatchObject({
      expression: "facts.defendantsPerMonth > 100",
      result: true,
      reads: [{ name: "defendantsPerMonth", value: 3000 }],
    });
  });

  test("the complete review of the fixture has no findings", () => {
    expect(lint(evaluateFixture(), { asOf: "2018-04-30" })).toEqual([]);
  });

  test("explain numbers only the applicable stakeholders", () => {
    const explanation = explain(evaluateFixture());
    expect(explanation.stakeholders.map((s) => [s.id, s.order, s.applies])).toEqual([
      ["usao", 1, true],
      ["usms", 2, true],
      ["oira", null, false],
    ]);
  });
});

describe("a missing fact", () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => {
    ({ dir, remove } = tempDir());
    copyFileSync(
      fixture("engine", "policy.checklist.yaml"),
      path.join(dir, "policy.checklist.yaml"),
    );
    copyFileSync(DRAFT, path.join(dir, "memo.md"));
    // No review: defendantsPerMonth has no value anywhere.
  });
  afterEach(() => remove());

  test("leaves what it decides undecided, without throwing", () => {
    const evaluation = evaluate(loadBundle(path.join(dir, "memo.md"), new ChecklistLibrary()));
    const usms = evaluation.stakeholders.find((s) => s.stakeholder.id === "usms")!;
    expect(usms.applies).toBe(true);
    const [detention, transport] = usms.items;
    expect(transport!.applies).toBeUndefined();
    expect(transport!.condition.missing).toEqual(["defendantsPerMonth"]);
    expect(detention!.demand?.value).toBeUndefined();
    expect(detention!.demand?.missing).toEqual(["defendantsPerMonth"]);
  });

  test("is one fact-missing finding at the draft's facts key, naming all it decides", () => {
    const file = path.join(dir, "memo.md");
    const result = checkDraft(file, { asOf: "2018-03-01", library: new ChecklistLibrary() });
    const missing = result.findings.filter((f) => f.ruleId === "fact-missing");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain("usms/detention (capacity demand), usms/transport");
    expect(lineOf(file, missing[0]!.location.line).slice(missing[0]!.location.column - 1)).toBe(
      "facts:",
    );
  });
});

describe("finding locations in the review", () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => {
    ({ dir, remove } = tempDir());
    copyFileSync(
      fixture("engine", "policy.checklist.yaml"),
      path.join(dir, "policy.checklist.yaml"),
    );
    copyFileSync(DRAFT, path.join(dir, "memo.md"));
  });
  afterEach(() => remove());

  /** The review text at each finding's position, by ruleId and subject. */
  function pointedAt(review: string): Record<string, string> {
    const file = path.join(dir, "memo.review.yaml");
    writeFileSync(file, review);
    const { findings } = checkDraft(path.join(dir, "memo.md"), {
      asOf: "2018-03-01",
      library: new ChecklistLibrary(),
    });
    return Object.fromEntries(
      findings.map((f) => [
        `${f.ruleId} ${[f.stakeholder, f.item].filter(Boolean).join("/")}`,
        `${path.basename(f.location.file)}:${f.location.line}: ${lineOf(f.location.file, f.location.line).trim()}`,
      ]),
    );
  }

  test("what the review lacks is reported at the deepest key that is there", () => {
    const review = [
      "apiVersion: preclear/v1",
      "kind: Review",
      "draft: memo",
      "facts:",
      "  defendantsPerMonth: 3000",
      "stakeholders:",
      "  usms:",
      "    items:",
      "      detention: { status: open }",
      "",
    ].join("\n");
    expect(pointedAt(review)).toEqual({
      // usao is not in the review at all: the stakeholders map
      "decision-missing usao": "memo.review.yaml:6: stakeholders:",
      "item-open usao/caseload": "memo.review.yaml:6: stakeholders:",
      "item-open usao/staffing": "memo.review.yaml:6: stakeholders:",
      // usms is, without a decision: its key
      "decision-missing usms": "memo.review.yaml:7: usms:",
      // an answered item: its status
      "item-open usms/detention": "memo.review.yaml:9: detention: { status: open }",
      // an item it does not mention: its items key
      "item-open usms/transport": "memo.review.yaml:8: items:",
    });
  });
});
