/**
 * One home for each state: lint's findings, the review walk and the report
 * show the same state for every item and every decision of the same review,
 * because all three ask core/rules/state.ts. Each review holds one item (or
 * one office) in each state.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import { evaluate, loadBundle } from "../../src/core/evaluate/evaluate.js";
import { lint } from "../../src/core/rules/lint.js";
import { buildReport } from "../../src/report/model.js";
import type { Prompter } from "../../src/review/prompts.js";
import { Walk } from "../../src/review/walk.js";
import { tempDir } from "../helpers/fixtures.js";

const AS_OF = "2018-03-20";

const CHECKLIST = `apiVersion: preclear/v1
kind: Checklist
id: states
title: One item in each state
version: 1.0.0
facts:
  defendants:
    type: integer
    question: How many defendants per month?
stakeholders:
  - id: office
    name: The office
    signoff: optional
    items:
      - { id: untouched, question: Untouched?, severity: blocker }
      - { id: working, question: Being worked?, severity: major }
      - { id: proven, question: Proven?, severity: major, evidence: [contact, date] }
      - { id: unproven, question: Unproven?, severity: major, evidence: [contact, date] }
      - { id: blank-evidence, question: Blank evidence?, severity: minor, evidence: [contact] }
      - { id: excused, question: Excused?, severity: minor }
      - { id: unexcused, question: Unexcused?, severity: minor }
      - { id: accepted, question: Accepted?, severity: blocker }
      - { id: half-accepted, question: Half accepted?, severity: blocker }
      - id: beds
        question: Beds?
        severity: blocker
        capacity: { demand: facts.defendants, unit: beds }
      - id: enough-beds
        question: Enough beds?
        severity: blocker
        capacity: { demand: facts.defendants, unit: beds }
`;

const DRAFT = `---
preclear:
  id: memo
  title: Memo
  issuanceDate: 2018-04-30
  checklists: [./states.checklist.yaml]
  facts: { defendants: 100 }
---
# Memo
`;

const REVIEW = `apiVersion: preclear/v1
kind: Review
draft: memo
stakeholders:
  office:
    items:
      working: { status: in-progress }
      proven: { status: satisfied, contact: A. Clerk, date: 2018-03-01 }
      unproven: { status: satisfied, contact: A. Clerk }
      blank-evidence: { status: satisfied, contact: "   " }
      excused: { status: not-applicable, justification: No detainees. }
      unexcused: { status: not-applicable }
      accepted: { status: risk-accepted, acceptedBy: Deputy AG, rationale: Temporary. }
      half-accepted: { status: risk-accepted, acceptedBy: Deputy AG }
      beds: { status: satisfied, capacity: 60 }
      enough-beds: { status: satisfied, capacity: 100 }
`;

/** Answers every prompt without changing anything it can avoid, and notes which items it was asked. */
function recordingPrompter(asked: string[], decisions: string[] = []): Prompter {
  let screen = "";
  return {
    print(text) {
      screen += text;
    },
    async confirm() {
      return false;
    },
    async checkbox() {
      return [];
    },
    async number(o) {
      return o.default ?? 0;
    },
    async input(o) {
      return o.default ?? "x";
    },
    async select<T extends string>(o: { message: string; default?: T }): Promise<T> {
      if (o.message === "Decision") {
        decisions.push(/Decision of ([^\n]+)\n/.exec(screen)?.[1] ?? "?");
        screen = "";
        return "later" as T;
      }
      // Part-two steps (comments, tasking, notice…) are skipped: not items.
      if (o.message !== "Status") return o.default!;
      const question = /\s{2}(\S[^\n]*\?)\n/.exec(screen)?.[1];
      asked.push(question ?? "?");
      screen = "";
      return o.default!;
    },
  };
}

describe("item states: lint, walk and report agree", () => {
  const { dir, remove } = tempDir();
  afterAll(remove);
  const draftFile = path.join(dir, "memo.md");
  // The walk saves what it is given: each test starts from the same review.
  beforeEach(() => {
    writeFileSync(path.join(dir, "states.checklist.yaml"), CHECKLIST);
    writeFileSync(draftFile, DRAFT);
    writeFileSync(path.join(dir, "memo.review.yaml"), REVIEW);
  });

  test("every item shows the same state in all three views", async () => {
    const library = new ChecklistLibrary();
    const evaluation = evaluate(loadBundle(draftFile, library));
    const findings = lint(evaluation, { asOf: AS_OF });
    const report = buildReport(evaluation, findings, { asOf: AS_OF });

    const asked: string[] = [];
    await new Walk({
      draftFile,
      library,
      asOf: AS_OF,
      onlyOpen: true,
      prompter: recordingPrompter(asked),
      color: false,
    }).run();

    const items = report.stakeholders[0]!.items;
    const views = items.map((item) => ({
      item: item.id,
      report: item.state,
      lint: findings
        .filter((f) => f.item === item.id)
        .map((f) => f.ruleId)
        .sort(),
      walkAsks: asked.includes(item.question),
    }));
    expect(views).toEqual([
      { item: "untouched", report: "open", lint: ["item-open"], walkAsks: true },
      { item: "working", report: "in-progress", lint: ["item-open"], walkAsks: true },
      { item: "proven", report: "satisfied", lint: [], walkAsks: false },
      { item: "unproven", report: "evidence-missing", lint: ["evidence-missing"], walkAsks: true },
      {
        item: "blank-evidence",
        report: "evidence-missing",
        lint: ["evidence-missing"],
        walkAsks: true,
      },
      { item: "excused", report: "not-applicable", lint: [], walkAsks: false },
      {
        item: "unexcused",
        report: "unjustified",
        lint: ["justification-missing"],
        walkAsks: true,
      },
      { item: "accepted", report: "risk-accepted", lint: [], walkAsks: false },
      {
        item: "half-accepted",
        report: "unjustified",
        lint: ["justification-missing"],
        walkAsks: true,
      },
      // The walk asks for capacity with the evidence; a short one is lint's and the report's.
      { item: "beds", report: "below-demand", lint: ["capacity-shortfall"], walkAsks: false },
      { item: "enough-beds", report: "satisfied", lint: [], walkAsks: false },
    ]);
    // The walk asks exactly the items lint holds open or incomplete (capacity aside), once each.
    expect(asked).toHaveLength(6);
  });

  test("the report's done and missing evidence follow the same state", () => {
    const evaluation = evaluate(loadBundle(draftFile, new ChecklistLibrary()));
    const report = buildReport(evaluation, lint(evaluation, { asOf: AS_OF }), { asOf: AS_OF });
    const byId = new Map(report.stakeholders[0]!.items.map((i) => [i.id, i]));
    expect(byId.get("unproven")!.evidence.missing).toEqual(["date"]);
    expect(byId.get("blank-evidence")!.evidence.missing).toEqual(["contact"]);
    expect(byId.get("working")!.done).toBe(false);
    expect(byId.get("unexcused")!.done).toBe(true);
    expect(report.capacity.map((c) => [c.item, c.state, c.shortfall])).toEqual([
      ["beds", "shortfall", 40],
      ["enough-beds", "sufficient", 0],
    ]);
  });
});

const LIFECYCLE_CHECKLIST = `apiVersion: preclear/v1
kind: Checklist
id: decisions
title: One office in each decision state
version: 1.0.0
stakeholders:
  - { id: decided, name: Decided, signoff: optional }
  - { id: undecided, name: Undecided, signoff: optional }
  - { id: consulted, name: Consulted, role: consult, signoff: optional }
  - id: silent
    name: Silent
    signoff: optional
    silenceIsConcurrence: true
    suspense: { businessDays: 10 }
  - id: objecting
    name: Objecting
    signoff: optional
    escalateTo: [Deputy Attorney General]
`;

const LIFECYCLE_DRAFT = `---
preclear:
  id: memo
  title: Memo
  checklists: [./decisions.checklist.yaml]
---
# Memo
`;

const LIFECYCLE_REVIEW = `apiVersion: preclear/v1
kind: Review
draft: memo
stakeholders:
  decided:
    decision: { status: concur, by: Head, date: 2026-01-05 }
  consulted:
    notice: { date: 2025-12-19 }
  silent:
    tasking: { tasked: 2025-12-19 }
  objecting:
    decision: { status: non-concur, comments: No., by: Head, date: 2026-01-05 }
    escalation:
      to: Deputy Attorney General
      decidedBy: { name: J. Deputy, title: Deputy Attorney General }
      outcome: overruled
`;

describe("decision states: lint, walk and report agree", () => {
  const { dir, remove } = tempDir();
  afterAll(remove);
  const draftFile = path.join(dir, "memo.md");
  writeFileSync(path.join(dir, "decisions.checklist.yaml"), LIFECYCLE_CHECKLIST);
  writeFileSync(draftFile, LIFECYCLE_DRAFT);
  writeFileSync(path.join(dir, "memo.review.yaml"), LIFECYCLE_REVIEW);

  test("each office's decision reads the same in all three views", async () => {
    const asOf = "2026-01-07";
    const library = new ChecklistLibrary();
    const evaluation = evaluate(loadBundle(draftFile, library));
    const findings = lint(evaluation, { asOf });
    const report = buildReport(evaluation, findings, { asOf });
    const asked: string[] = [];
    const decisions: string[] = [];
    await new Walk({
      draftFile,
      library,
      asOf,
      onlyOpen: true,
      prompter: recordingPrompter(asked, decisions),
      color: false,
    }).run();
    const views = report.clearanceSheet.map((row) => ({
      office: row.stakeholder,
      report: row.decision.state,
      lint: findings
        .filter((f) => f.stakeholder === row.stakeholder)
        .map((f) => f.ruleId)
        .sort(),
      walkAsks: decisions.includes(row.name),
    }));
    expect(views).toEqual([
      { office: "decided", report: "concur", lint: [], walkAsks: false },
      { office: "undecided", report: "pending", lint: ["decision-missing"], walkAsks: true },
      { office: "consulted", report: "not-asked", lint: [], walkAsks: false },
      {
        office: "silent",
        report: "cleared-by-silence",
        lint: ["deemed-concurrence"],
        walkAsks: false,
      },
      { office: "objecting", report: "decided-over-objection", lint: [], walkAsks: false },
    ]);
  });
});
