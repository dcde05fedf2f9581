/**
 * `preclear signoff`, `check` and `verify` on a draft whose every stakeholder
 * signed off: what a change to the draft, the facts, the checklist or one
 * stakeholder's record does to the sign-offs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { lineOf } from "../helpers/fixtures.js";
import {
  checkJson,
  cli,
  edit,
  newProject,
  signAll,
  signoffArgs,
  signoffFindings,
  STAKEHOLDERS,
  trustedKey,
} from "./helpers.js";
import type { Project } from "./helpers.js";

let project: Project;
beforeEach(() => {
  project = newProject();
});
afterEach(() => project.remove());

function review(): {
  stakeholders: Record<string, { decision?: { status: string }; signoffs?: unknown[] }>;
  history?: Array<{ item?: string; reason?: string; stakeholder?: string }>;
} {
  return parse(readFileSync(project.review, "utf8"));
}

describe("signing off every stakeholder", () => {
  test("leaves check with no sign-off finding, and verify says each signature verified", async () => {
    await signAll(project);
    const { code, findings } = await checkJson(project);
    expect(findings).toEqual([]);
    expect(code).toBe(0);

    const verify = await cli(project, ["verify", "memo.md"]);
    expect(verify.code).toBe(0);
    for (const id of STAKEHOLDERS) {
      expect(verify.stdout).toMatch(
        new RegExp(`${id}\\s+signature verified .*\\(key ${id}-key\\)`),
      );
    }
  });

  test("one character of the draft body makes every sign-off stale: the draft text changed", async () => {
    await signAll(project);
    edit(project.draft, "to the extent practicable", "to the extent practicablE");

    const { code, findings } = await checkJson(project);
    expect(code).toBe(1);
    const stale = findings.filter((f) => f.ruleId === "signoff-stale");
    expect(stale.map((f) => f.stakeholder).sort()).toEqual([...STAKEHOLDERS].sort());
    for (const f of stale) {
      expect(f.message).toContain("the draft text changed");
      expect(f.location.file).toBe("memo.review.yaml");
      // Points at the sign-off entry itself.
      expect(lineOf(project.review, f.location.line)).toMatch(/^\s*- name: Official of/);
    }
    expect(findings.filter((f) => f.ruleId === "signature-invalid")).toEqual([]);

    const verify = await cli(project, ["verify", "memo.md"]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(
      /usms\s+stale\s+the draft text changed since the sign-off \(§ 1 Memorandum for federal prosecutors along the Southwest border: 1 paragraph changed\)/,
    );
  });

  test("one item of one stakeholder makes only that stakeholder's sign-off stale", async () => {
    await signAll(project);
    edit(project.review, "40% more misdemeanor hearings", "45% more misdemeanor hearings");

    const stale = signoffFindings(project);
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ ruleId: "signoff-stale", stakeholder: "courts" });
    expect(stale[0]!.message).toContain("the stakeholder's record changed");
    expect(stale[0]!.message).not.toContain("draft text");
  });

  test("a changed fact in the draft makes every sign-off stale, naming the draft's facts", async () => {
    await signAll(project);
    edit(project.draft, "changesProsecutionVolume: true", "changesProsecutionVolume: false");

    const stale = signoffFindings(project).filter((f) => f.ruleId === "signoff-stale");
    expect(stale.map((f) => f.stakeholder).sort()).toEqual([...STAKEHOLDERS].sort());
    for (const f of stale) expect(f.message).toContain("the draft's `facts`");
  });

  test("a changed fact in the review stales only the offices whose checklist entries use it", async () => {
    await signAll(project);
    // usms's condition reads facts.custody; the courts' entry mentions no custody.
    edit(project.review, "custody: both", "custody: federal-criminal");
    const stale = signoffFindings(project).filter((f) => f.ruleId === "signoff-stale");
    expect(stale.map((f) => f.stakeholder)).toEqual(["usms"]);
    expect(stale[0]!.message).toContain("the facts its checklist entry uses changed");
  });

  test("the checklist's version, or another office's entry, does not stale a sign-off; its own entry does", async () => {
    await signAll(project);
    const checklist = path.join(project.dir, "checklists", "clearance-basics.yaml");
    edit(checklist, "version: 1.0.0", "version: 1.0.1");
    expect(signoffFindings(project)).toEqual([]);
    // The courts' item text changes: only the courts' sign-off goes stale.
    edit(checklist, "assessed the effect on their dockets", "assessed the effect on dockets");
    const stale = signoffFindings(project).filter((f) => f.ruleId === "signoff-stale");
    expect(stale.map((f) => f.stakeholder)).toEqual(["courts"]);
    expect(stale[0]!.message).toContain("the checklist (this stakeholder's own entry");
  });

  test("signing off again after a change makes the sign-off current; the old one stays as history", async () => {
    await signAll(project);
    edit(project.review, "40% more misdemeanor hearings", "45% more misdemeanor hearings");
    const again = await cli(project, signoffArgs("courts", ["--as-of", "2018-04-02"]));
    expect(again.code).toBe(0);
    expect(review().stakeholders.courts!.signoffs).toHaveLength(2);
    expect(signoffFindings(project)).toEqual([]);
    const verify = await cli(project, ["verify", "memo.md", "--format", "json"]);
    const states = (
      JSON.parse(verify.stdout) as { stakeholders: Array<{ id: string; state: string }> }
    ).stakeholders;
    expect(states.find((s) => s.id === "courts")!.state).toBe("valid");
  });

  test("re-formatting the review (indentation, quoting, comments) leaves every sign-off current", async () => {
    await signAll(project);
    const text = readFileSync(project.review, "utf8");
    const { parseDocument } = await import("yaml");
    const reformatted = parseDocument(text).toString({
      indent: 4,
      defaultStringType: "QUOTE_DOUBLE",
      defaultKeyType: "PLAIN",
    });
    expect(reformatted).not.toBe(text);
    (await import("node:fs")).writeFileSync(project.review, `# re-formatted\n\n${reformatted}`);
    expect(signoffFindings(project)).toEqual([]);
  });
});

describe("preclear verify", () => {
  test("--format json gives each applicable stakeholder's state; a missing sign-off is not a failure", async () => {
    const { keyFile } = await trustedKey(project, "usms-key", ["usms"]);
    expect((await cli(project, signoffArgs("usms", ["--key", keyFile]))).code).toBe(0);
    expect((await cli(project, signoffArgs("courts"))).code).toBe(0);
    const result = await cli(project, ["verify", "memo.md", "--format", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      draft: { id: string; file: string };
      stakeholders: Array<{ id: string; state: string; detail: string; signoffs: unknown[] }>;
    };
    expect(report.ok).toBe(true);
    expect(report.draft).toMatchObject({ id: "border-prosecution-memo", file: "memo.md" });
    expect(report.stakeholders.map((s) => [s.id, s.state])).toEqual([
      ["usms", "verified"],
      ["courts", "valid"],
      ["hhs-orr", "missing"],
    ]);
    expect(report.stakeholders[0]!.detail).toContain("signature verified (key usms-key)");

    const text = await cli(project, ["verify", "memo.md"]);
    expect(text.stdout).toMatch(/hhs-orr\s+unsigned\s+no sign-off \(required\)/);
    expect(text.stdout).toMatch(/courts\s+valid\s+.*no signature/);
  });
});

describe("preclear signoff", () => {
  test("records the decision, then a sign-off whose digest covers it, dated --as-of", async () => {
    const result = await cli(project, [
      "signoff",
      "memo.md",
      "--stakeholder",
      "courts",
      "--name",
      "A. Clerk",
      "--title",
      "Director",
      "--decision",
      "concur-with-comments",
      "--comments",
      "Watch the dockets.",
      "--actor",
      "aclerk",
      "--as-of",
      "2018-03-29",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Signed off Administrative Office of the U.S. Courts (courts)");
    const courts = review().stakeholders.courts!;
    expect(courts.decision).toEqual({
      status: "concur-with-comments",
      comments: "Watch the dockets.",
      by: "A. Clerk, Director",
      date: "2018-03-29",
    });
    expect(courts.signoffs).toEqual([
      expect.objectContaining({ name: "A. Clerk", title: "Director", date: "2018-03-29" }),
    ]);
    expect(signoffFindings(project)).toEqual([]);
    const history = review().history ?? [];
    expect(history.map((h) => h.item)).toEqual(["decision", "signoff"]);
  });

  test("refuses while the stakeholder has open blocker items, naming them, and writes nothing", async () => {
    edit(
      project.review,
      /status: satisfied\n(\s+)contact: J\. Roe/,
      "status: in-progress\n$1contact: J. Roe",
    );
    const before = readFileSync(project.review, "utf8");
    const result = await cli(project, signoffArgs("usms"));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("usms/detention-capacity (in-progress)");
    expect(result.stderr).toContain("--force");
    expect(readFileSync(project.review, "utf8")).toBe(before);
  });

  test("--force signs off over open blockers and records the reason in the history", async () => {
    edit(
      project.review,
      /status: satisfied\n(\s+)contact: J\. Roe/,
      "status: open\n$1contact: J. Roe",
    );
    const result = await cli(
      project,
      signoffArgs("usms", ["--force", "AG directs issuance before USMS can confirm"]),
    );
    expect(result.code).toBe(0);
    const entry = (review().history ?? []).find((h) => h.item === "signoff");
    expect(entry).toMatchObject({ stakeholder: "usms" });
    expect(entry!.reason).toContain("detention-capacity");
    expect(entry!.reason).toContain("AG directs issuance before USMS can confirm");
  });

  test("an unknown stakeholder, or one that does not apply, is exit 2 naming the valid ids", async () => {
    for (const id of ["usmss", "ice"]) {
      const result = await cli(project, signoffArgs(id));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("usms, courts, hhs-orr");
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
    const ice = await cli(project, signoffArgs("ice"));
    expect(ice.stderr).toContain("does not apply");
  });

  test("a decision other than concur needs --comments (exit 2, nothing written)", async () => {
    const before = readFileSync(project.review, "utf8");
    const args = signoffArgs("courts").map((a) => (a === "concur" ? "non-concur" : a));
    const result = await cli(project, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("needs --comments");
    expect(readFileSync(project.review, "utf8")).toBe(before);
  });

  test("a draft that cannot be evaluated is exit 2 with a positioned one-line message", async () => {
    edit(project.review, "custody: both", "custody: sometimes");
    const result = await cli(project, signoffArgs("usms"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^memo\.review\.yaml:\d+:\d+: /);
  });
});
