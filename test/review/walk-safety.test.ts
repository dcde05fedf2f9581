/**
 * The review walk in-process, through the Prompter seam: what a person at the
 * keyboard would notice — nothing recorded by Enter alone, decisions only
 * after a confirmation, resume that passes over finished steps, words instead
 * of Markdown and ISO durations, typos answered with a suggestion, and the
 * part-two records (tasking, notice, comments, conditions, escalation).
 */
import { copyFileSync, mkdtempSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import { PreclearError } from "../../src/core/diagnostics.js";
import { Walk } from "../../src/review/walk.js";
import type { WalkOptions } from "../../src/review/walk.js";
import type { Comment, Review } from "../../src/core/types/review.js";
import { ScriptedPrompter } from "./scripted.js";
import type { Asked, Responder } from "./scripted.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "zero-tolerance-2018.md");
const FIXTURE = path.join(ROOT, "test", "fixtures", "review", "walk");
const AS_OF = "2018-03-01";

function copy(files: string[], from: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-walk-"));
  for (const f of files) copyFileSync(path.join(from, f), path.join(dir, f));
  return dir;
}

async function walk(
  draftFile: string,
  responder?: Responder,
  options: Partial<WalkOptions> = {},
): Promise<{ prompter: ScriptedPrompter; result: Awaited<ReturnType<Walk["run"]>> }> {
  const prompter = new ScriptedPrompter(responder);
  const result = await new Walk({
    draftFile,
    library: new ChecklistLibrary(),
    asOf: AS_OF,
    prompter,
    color: false,
    actor: "test",
    now: () => new Date(Date.UTC(2018, 2, 1, 9)),
    ...options,
  }).run();
  return { prompter, result };
}

function readReview(file: string): Review {
  return existsSync(file)
    ? (parse(readFileSync(file, "utf8")) as Review)
    : ({ stakeholders: {} } as unknown as Review);
}

/** Every decision, not-applicable, risk acceptance and sign-off in a review. */
function recordedOnPurpose(review: Review): string[] {
  const found: string[] = [];
  for (const [id, record] of Object.entries(review.stakeholders ?? {})) {
    if (record?.decision) found.push(`${id}: decision ${record.decision.status}`);
    if (record?.signoffs?.length) found.push(`${id}: sign-off`);
    for (const [item, r] of Object.entries(record?.items ?? {}))
      if (r?.status === "not-applicable" || r?.status === "risk-accepted")
        found.push(`${id}/${item}: ${r.status}`);
  }
  return found;
}

const firstSelect = (asked: Asked, value: string) =>
  asked.kind === "select" && asked.choices?.some((c) => c.value === value) ? value : undefined;

describe("the review walk, driven through the Prompter seam", () => {
  it("Enter alone from the first step to the end records no decision, sign-off, risk acceptance or not-applicable", async () => {
    const dir = copy(["zero-tolerance-2018.md"], path.dirname(EXAMPLE));
    const { prompter, result } = await walk(path.join(dir, "zero-tolerance-2018.md"));
    const review = readReview(path.join(dir, "zero-tolerance-2018.review.yaml"));
    expect(recordedOnPurpose(review)).toEqual([]);
    expect(review.stakeholders ?? {}).toEqual({});
    expect(result.saved).toBe(0);
    expect(result.total).toBeGreaterThan(20);
    // Every select started on a choice that records nothing.
    const selects = prompter.asked.filter((a) => a.kind === "select");
    expect(selects.length).toBeGreaterThan(20);
    for (const s of selects) expect(String(s.default)).toMatch(/^(__skip|__later|later)$/);
  });

  it("Enter alone over a review with answers leaves the file byte-identical", async () => {
    const dir = copy(
      ["zero-tolerance-2018.md", "zero-tolerance-2018.review.yaml"],
      path.dirname(EXAMPLE),
    );
    const file = path.join(dir, "zero-tolerance-2018.review.yaml");
    const before = readFileSync(file, "utf8");
    await walk(path.join(dir, "zero-tolerance-2018.md"));
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("records a decision only after a confirmation naming who, what and which office", async () => {
    const dir = copy(["memo.md", "lifecycle.checklist.yaml"], FIXTURE);
    const draft = path.join(dir, "memo.md");
    const decide =
      (confirm: boolean | undefined): Responder =>
      (asked) => {
        if (asked.message === "Decision") return "concur";
        if (asked.message.startsWith("Decided by")) return "Jane Roe, Assistant Attorney General";
        if (asked.kind === "confirm") return confirm;
        return undefined;
      };
    const first = await walk(draft, decide(undefined), { stakeholder: "legal" });
    const question = first.prompter.asked.find((a) => a.kind === "confirm")!;
    expect(question.message).toBe(
      'Record the decision: Jane Roe, Assistant Attorney General decided "concur" for Office of Legal Counsel [legal] on 2018-03-01',
    );
    expect(question.default).toBe(false);
    expect(first.prompter.screen).toContain("Not recorded");
    expect(readReview(path.join(dir, "memo.review.yaml")).stakeholders?.legal?.decision).toBe(
      undefined,
    );

    await walk(draft, decide(true), { stakeholder: "legal" });
    expect(readReview(path.join(dir, "memo.review.yaml")).stakeholders!.legal!.decision).toEqual({
      status: "concur",
      by: "Jane Roe, Assistant Attorney General",
      date: "2018-03-01",
    });
  });

  it("every answered item asks the same prompts, notes last, whatever its evidence", async () => {
    const dir = copy(["zero-tolerance-2018.md"], path.dirname(EXAMPLE));
    const shapes = new Map<string, string[]>();
    let current: string[] = [];
    await walk(path.join(dir, "zero-tolerance-2018.md"), (asked) => {
      if (asked.message === "Status") {
        current = [];
        shapes.set(String(shapes.size), current);
        return "in-progress";
      }
      current.push(asked.message);
      return undefined;
    });
    const distinct = new Set([...shapes.values()].map((s) => s[0]));
    expect(shapes.size).toBeGreaterThan(10);
    expect([...distinct]).toEqual(["Notes (optional, Enter to skip)"]);
  });

  it("resumes past finished steps and counts what remains", async () => {
    const dir = copy(["memo.md", "lifecycle.checklist.yaml"], FIXTURE);
    const draft = path.join(dir, "memo.md");
    await walk(draft, (asked) => {
      if (asked.message.startsWith("Does the policy")) return "yes";
      if (asked.message === "Status") return "satisfied";
      if (asked.message.startsWith("Contact")) return "Counsel";
      return undefined;
    });
    const again = await walk(draft);
    expect(again.prompter.screen).toMatch(
      /Resuming: 2 of 7 steps are complete .* and are passed over; 5 remain, starting at step 1\./,
    );
    expect(again.prompter.screen).not.toContain("legal authority");
    expect(again.prompter.screen).toMatch(/step 3 of 7/);
    expect(again.prompter.screen).toMatch(/29% complete · 5 of 7 steps remain/);
    const open = await walk(draft, undefined, { onlyOpen: true });
    expect(open.prompter.screen).toMatch(/step 3 of 7/);
  });

  it("shows Markdown rendered and durations in words", async () => {
    const dir = copy(["memo.md", "lifecycle.checklist.yaml"], FIXTURE);
    const { prompter } = await walk(path.join(dir, "memo.md"), (a) =>
      a.message.startsWith("Does the policy") ? "yes" : undefined,
    );
    const screen = prompter.screen;
    expect(screen).toContain("Is the legal authority confirmed?");
    expect(screen).toContain(
      "Ask counsel for a written opinion. See the memo (https://example.gov/memo).",
    );
    expect(screen).toContain("• cite the statute");
    expect(screen).toContain("Due 30 days before issuance (2018-03-07)");
    expect(screen).toContain("Due 2 weeks before issuance (2018-03-23)");
    expect(screen).not.toMatch(/\*\*|(^|\s)\*\S|\]\(|\bP\d+[DWMY]\b/m);
  });

  it("refuses a confirmation date after --as-of", async () => {
    const dir = copy(["memo.md", "lifecycle.checklist.yaml"], FIXTURE);
    await expect(
      walk(path.join(dir, "memo.md"), (asked) => {
        if (asked.message === "Status") return "satisfied";
        if (asked.message.startsWith("Contact")) return "Counsel";
        if (asked.message.startsWith("Date confirmed")) return "2018-03-02";
        return undefined;
      }),
    ).rejects.toThrow(
      "2018-03-02 is after the as-of date 2018-03-01; it must already have happened",
    );
  });

  it("answers a mistyped --stakeholder with the id it probably meant", async () => {
    const dir = copy(["zero-tolerance-2018.md"], path.dirname(EXAMPLE));
    const run = walk(path.join(dir, "zero-tolerance-2018.md"), undefined, {
      stakeholder: "usmss",
    });
    await expect(run).rejects.toThrow(PreclearError);
    await expect(run).rejects.toThrow(/`usmss` does not exist .*did you mean `usms`\?/);
    expect(existsSync(path.join(dir, "zero-tolerance-2018.review.yaml"))).toBe(false);
  });

  it("records tasking, notice, two comments, conditions and a level; the drafter adjudicates the comments", async () => {
    const dir = copy(["memo.md", "lifecycle.checklist.yaml"], FIXTURE);
    const draft = path.join(dir, "memo.md");
    const comments = [
      ["critical", "§ 2", "The authority cited is repealed.", "Cite 8 U.S.C. 1325 instead."],
      ["administrative", "", "Typo in the title.", ""],
    ];
    let adding = -1;
    await walk(draft, (asked) => {
      const m = asked.message;
      if (m.startsWith("Does the policy")) return "yes";
      if (m === "Tasking") return "record";
      if (m.startsWith("Tasked on")) return "2018-02-20";
      if (m.startsWith("Extension granted")) return "2018-03-09";
      if (m.startsWith("Comments from U.S. Marshals")) {
        adding++;
        return adding < comments.length ? "add" : undefined;
      }
      if (m === "Type of comment") return comments[adding]![0];
      if (m.startsWith("Where in the text")) return comments[adding]![1];
      if (m === "Comment") return comments[adding]![2];
      if (m.startsWith("Proposed change")) return comments[adding]![3];
      if (m === "Notice") return "record";
      if (m.startsWith("Notice given on")) return "2018-02-21";
      if (m.startsWith("How (")) return "e-mail";
      if (m === "Decision" && asked.choices?.some((c) => c.value === "concur")) {
        return firstSelect(asked, "concur-with-comments");
      }
      if (m === "Comments") return "Subject to the condition below.";
      if (m.startsWith("Conditions on this concurrence"))
        return m.includes("(0 recorded)") ? "add" : undefined;
      if (m.startsWith("Condition (what")) return "Add a sunset clause";
      if (m.startsWith("Owner")) return "Drafter";
      if (m.startsWith("Decided by")) return "Jane Roe, AAG";
      if (m.startsWith("Level of the official who decided")) return "principal";
      if (m === "Scope-out") return "record";
      if (m.startsWith("Confirmed by")) return "OVC Director";
      if (m.startsWith("Why the office is not affected")) return "No victims programme changes.";
      if (asked.kind === "confirm") return true;
      return undefined;
    });
    const review = readReview(path.join(dir, "memo.review.yaml"));
    expect(review.stakeholders!.legal!.tasking).toEqual({
      tasked: "2018-02-20",
      extendedTo: "2018-03-09",
    });
    expect(review.stakeholders!.legal!.decision).toMatchObject({
      status: "concur-with-comments",
      level: "principal",
      conditions: [
        { id: "condition-1", text: "Add a sunset clause", owner: "Drafter", status: "open" },
      ],
    });
    expect(review.stakeholders!.usms!.notice).toEqual({ date: "2018-02-21", means: "e-mail" });
    expect(review.stakeholders!.usms!.comments).toEqual([
      {
        id: "c1",
        type: "critical",
        location: "§ 2",
        text: "The authority cited is repealed.",
        proposed: "Cite 8 U.S.C. 1325 instead.",
        date: AS_OF,
      },
      { id: "c2", type: "administrative", text: "Typo in the title.", date: AS_OF },
    ]);
    expect(review.stakeholders!.courts!.decision).toBeUndefined();
    expect(review.stakeholders!.victims!.scopeOut).toEqual({
      confirmedBy: "OVC Director",
      date: AS_OF,
      basis: "No victims programme changes.",
    });

    const answers: Record<string, [string, string, string]> = {
      c1: ["partially-accepted", "Cited § 1325(a); kept the rest.", "agreed"],
      c2: ["accepted", "", "agreed"],
    };
    const order = ["c1", "c2"];
    let id = "";
    const { prompter } = await walk(
      draft,
      (asked) => {
        if (asked.message === "Disposition") {
          id = order.shift()!;
          return answers[id]![0];
        }
        if (asked.message.startsWith("Response")) return answers[id]![1];
        if (asked.message.startsWith("Did the commenter")) return answers[id]![2];
        if (asked.message === "Condition") return "met";
        return undefined;
      },
      { adjudicate: true },
    );
    expect(prompter.screen).toContain("2 comments to adjudicate");
    expect(
      readReview(path.join(dir, "memo.review.yaml")).stakeholders!.legal!.decision!.conditions,
    ).toEqual([
      { id: "condition-1", text: "Add a sunset clause", owner: "Drafter", status: "met" },
    ]);
    const after = readReview(path.join(dir, "memo.review.yaml")).stakeholders!.usms!.comments!;
    expect(after.map((c: Comment) => [c.id, c.disposition, c.response, c.resolution])).toEqual([
      ["c1", "partially-accepted", "Cited § 1325(a); kept the rest.", "agreed"],
      ["c2", "accepted", undefined, "agreed"],
    ]);
  });
});
