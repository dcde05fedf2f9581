/**
 * The clearance lifecycle in the report (SPEC part two): the report model's
 * lifecycle part, its JSON schema, and the Markdown and HTML sections — role,
 * level, tasking and suspense, decided over objection with the dissent,
 * concur with N conditions, the comment-resolution matrix, open conditions
 * as tracked items, scope-out confirmations.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { fixture } from "../helpers/fixtures.js";
import { build, SMALL } from "./helpers/reports.js";

const LIFECYCLE = fixture("report", "lifecycle", "policy.md");
const AS_OF = "2026-01-20";

function validator() {
  const schema = JSON.parse(
    readFileSync(path.join(REPO_ROOT, "schemas", "report.schema.json"), "utf8"),
  ) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const addFormats =
    (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule;
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(schema);
}

describe("report: the clearance lifecycle", () => {
  const { report, findings } = build(LIFECYCLE, AS_OF);
  const lifecycle = report.lifecycle!;

  test("the JSON report with a lifecycle part validates against report.schema.json", () => {
    const validate = validator();
    const valid = validate(JSON.parse(renderJson(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test("a v1 draft has no lifecycle part", () => {
    expect(build(SMALL, "2018-04-18").report.lifecycle).toBeUndefined();
  });

  test("each office's role, level, tasking and how its decision came about", () => {
    expect(
      lifecycle.offices.map((o) => [o.stakeholder, o.role, o.level, o.decision.summary]),
    ).toEqual([
      ["usao", "clear", "principal", "decided over objection"],
      ["usms", "clear", "staff", "concur with 2 conditions (1 open)"],
      ["courts", "consult", "staff", "no decision asked"],
      ["defenders", "inform", "staff", "no decision asked"],
    ]);
    expect(lifecycle.offices[1]!.tasking).toEqual({
      tasked: "2025-12-19",
      tasker: null,
      acknowledged: null,
      suspense: "2026-01-06",
      suspenseComputed: true,
      businessDays: 10,
      extendedTo: "2026-01-09",
      deadline: "2026-01-09",
      overdue: false,
    });
    expect(lifecycle.offices[0]!.escalation).toMatchObject({
      outcome: "overruled",
      valid: true,
      decidedBy: { name: "J. Deputy", title: "Deputy Attorney General" },
      dissent: "The district will miss Speedy Trial Act deadlines.",
    });
    // Consult and inform offices and one decided over its objection owe no sign-off.
    expect(report.clearanceSheet.map((r) => [r.stakeholder, r.signoff.state])).toEqual([
      ["usao", "not-required"],
      ["usms", "not-required"],
      ["courts", "not-required"],
      ["defenders", "not-required"],
    ]);
    expect(report.clearanceSheet.map((r) => r.decision.state)).toEqual([
      "decided-over-objection",
      "concur-with-comments",
      "not-asked",
      "not-asked",
    ]);
  });

  test("the findings agree: the open condition, the unresolved administrative comment, the unconfirmed scope-out", () => {
    expect(findings.map((f) => [f.ruleId, f.level, f.stakeholder]).sort()).toEqual(
      [
        ["comment-unresolved", "note", "courts"],
        ["condition-open", "error", "usms"],
        ["scope-out-unconfirmed", "error", "bop"],
      ].sort(),
    );
  });

  test("open conditions are tracked items with owner and due date", () => {
    expect(lifecycle.conditions).toEqual([
      {
        stakeholder: "usms",
        name: "U.S. Marshals Service",
        id: "k1",
        text: "Fund 10 contract beds.",
        owner: "JMD Budget",
        due: "2026-02-15",
        status: "open",
        overdue: false,
      },
      {
        stakeholder: "usms",
        name: "U.S. Marshals Service",
        id: "k2",
        text: "Notify the districts of the start date.",
        owner: "EOUSA",
        due: "2026-01-15",
        status: "met",
        overdue: false,
      },
    ]);
  });

  test("the comment-resolution matrix, and the scope-out beside the facts that ruled the office out", () => {
    expect(
      lifecycle.comments.map((c) => [c.id, c.type, c.disposition, c.resolution, c.unresolved]),
    ).toEqual([
      ["c1", "critical", "accepted", "open", false],
      ["c2", "substantive", "rejected", "agreed", false],
      ["c3", "administrative", "pending", "open", true],
    ]);
    expect(lifecycle.scopeOuts).toEqual([
      {
        stakeholder: "bop",
        name: "Bureau of Prisons",
        confirmRequired: true,
        ruledOutBy: "facts.custody with custody = false → false",
        confirmation: null,
      },
    ]);
  });

  test.each([
    ["Markdown", () => renderMarkdown(report)],
    ["HTML", () => renderHtml(report)],
  ])("%s shows it all", (_format, render) => {
    const text = render();
    for (const expected of [
      "Clearance lifecycle",
      "Decided over objection",
      "The district will miss Speedy Trial Act deadlines.",
      "concur with 2 conditions (1 open)",
      "2026-01-06",
      "10 business days",
      "extended to 2026-01-09",
      "Conditions of concurrence (1 open)",
      "JMD Budget",
      "Comment resolution (1 unresolved)",
      "Initial appearances must stay within 48 hours.",
      "One start date keeps the policy uniform.",
      "Scope-out confirmations",
      "facts.custody with custody = false → false",
    ]) {
      expect(text).toContain(expected);
    }
  });

  test("the JSON report carries the same matrix", () => {
    const json = JSON.parse(renderJson(report)) as typeof report;
    expect(json.lifecycle!.comments).toHaveLength(3);
    expect(json.lifecycle!.comments[0]!.text).toBe(
      "Initial appearances must stay within 48 hours.",
    );
  });
});
