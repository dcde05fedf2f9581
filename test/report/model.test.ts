/**
 * The report model: what every format shows, built from an evaluated draft,
 * its findings and the as-of date. The small fixture has a chain of four
 * offices with every decision and sign-off state, a capacity shortfall, a
 * waived capacity check, an office ruled out and one undecided.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Finding } from "../../src/core/rules/findings.js";
import { safeHref } from "../../src/report/escape.js";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { orderWithinRanks } from "../../src/report/html.js";
import { daysBetween, signoffOf } from "../../src/report/model.js";
import { build, HOSTILE, SMALL } from "./helpers/reports.js";

const sha256 = (file: string) =>
  `sha256:${createHash("sha256").update(readFileSync(file)).digest("hex")}`;

function synthetic(ruleId: Finding["ruleId"], stakeholder: string): Finding {
  return {
    ruleId,
    level: "error",
    message: `${ruleId} for ${stakeholder}`,
    draft: SMALL,
    stakeholder,
    location: { file: SMALL.replace(/\.md$/, ".review.yaml"), line: 1, column: 1 },
  };
}

describe("report model: the clearance sheet", () => {
  const { report } = build(SMALL, "2018-04-10");

  test("has one row per applicable office, in coordination order", () => {
    expect(report.clearanceSheet.map((r) => [r.order, r.stakeholder])).toEqual([
      [1, "prosecutors"],
      [2, "marshals"],
      [3, "courts"],
      [4, "defenders"],
    ]);
  });

  test("shows each office's decision, official and date", () => {
    expect(report.clearanceSheet.map((r) => r.decision)).toEqual([
      { state: "concur", by: "United States Attorney", date: "2018-03-25", comments: null },
      {
        state: "concur-with-comments",
        by: "Director, USMS",
        date: "2018-03-28",
        comments: "Concur if beds are funded.",
      },
      {
        state: "non-concur",
        by: "Chief Judge",
        date: "2018-03-24",
        comments: "The magistrate docket cannot absorb this.",
      },
      { state: "pending", by: null, date: null, comments: null },
    ]);
  });

  test("derives sign-off states from the findings: valid, missing, signature verified, not required", () => {
    expect(report.clearanceSheet.map((r) => [r.stakeholder, r.signoff.state])).toEqual([
      ["prosecutors", "valid"],
      ["marshals", "missing"],
      ["courts", "signature-verified"],
      ["defenders", "not-required"],
    ]);
    expect(report.clearanceSheet[0]!.signoff.signatures).toEqual([
      { name: "Ann Prosecutor", title: "United States Attorney", date: "2018-03-25", keyId: null },
    ]);
  });

  test("a signoff-stale finding makes the sign-off stale; signature-invalid makes it invalid", () => {
    const { report: judged } = build(SMALL, "2018-04-10", [
      synthetic("signoff-stale", "prosecutors"),
      synthetic("signature-invalid", "courts"),
    ]);
    expect(judged.clearanceSheet.map((r) => r.signoff.state)).toEqual([
      "stale",
      "missing",
      "invalid",
      "not-required",
    ]);
    expect(judged.summary.signoffs).toMatchObject({ stale: 1, invalid: 1, missing: 1 });
  });

  test("the worst sign-off finding wins, and none means signed (with or without a key)", () => {
    const signed = [{ name: "A", date: "2018-01-01" }];
    const keyed = [{ name: "A", date: "2018-01-01", keyId: "k" }];
    expect(signoffOf(true, keyed, ["signoff-stale", "signature-invalid"]).state).toBe("invalid");
    expect(signoffOf(true, signed, []).state).toBe("valid");
    expect(signoffOf(false, keyed, []).state).toBe("signature-verified");
    expect(signoffOf(true, [], []).state).toBe("missing");
    expect(signoffOf(false, [], []).state).toBe("not-required");
  });

  test("counts items done and blocking gaps per office", () => {
    expect(
      report.clearanceSheet.map((r) => [r.items.done, r.items.applicable, r.blockingGaps]),
    ).toEqual([
      [2, 2, 0],
      [2, 2, 2],
      [0, 1, 1],
      [0, 1, 1],
    ]);
  });
});

describe("report model: gaps, capacity, timeline", () => {
  test("blocking gaps are the error findings, with their rule ids, draft-wide first then by office", () => {
    const { report } = build(SMALL, "2018-04-10");
    expect(report.blockingGaps.map((g) => [g.ruleId, g.stakeholder, g.item])).toEqual([
      ["fact-missing", null, null],
      ["signoff-missing", "marshals", null],
      ["capacity-shortfall", "marshals", "detention"],
      ["non-concurrence", "courts", null],
      ["decision-missing", "defenders", null],
    ]);
    expect(report.blockingGaps[2]!.location.file).toBe(
      "test/fixtures/report/small/policy.review.yaml",
    );
    expect(report.otherFindings.every((f) => f.level !== "error")).toBe(true);
    expect(report.summary.ready).toBe(false);
  });

  test("the capacity table shows demand against confirmed capacity and the shortfall", () => {
    const { report } = build(SMALL, "2018-04-10");
    expect(
      report.capacity.map((c) => [c.item, c.demand, c.capacity, c.shortfall, c.state, c.unit]),
    ).toEqual([
      ["detention", 700, 500, 200, "shortfall", "bed-days/month"],
      ["transport", 100, null, null, "waived", "defendants/month"],
    ]);
    expect(report.capacity[0]!.reads).toEqual([
      { fact: "defendantsPerMonth", value: 100 },
      { fact: "averageDays", value: 7 },
    ]);
  });

  test("the timeline lists due dates against the issuance date, overdue judged as of the report date", () => {
    const early = build(SMALL, "2018-04-10").report.timeline;
    expect(early.issuanceDate).toBe("2018-04-30");
    expect(early.entries.map((e) => [e.dueDate, e.item, e.daysBeforeIssuance])).toEqual([
      ["2018-03-31", "caseload", 30],
      ["2018-04-09", "detention", 21],
      ["2018-04-16", "transport", 14],
      ["2018-04-16", "docket", 14],
      ["2018-04-20", "representation", 10],
      ["2018-04-23", "concurrence", 7],
    ]);
    expect(early.entries.filter((e) => e.overdue)).toEqual([]);
    const late = build(SMALL, "2018-04-18").report.timeline;
    expect(late.entries.filter((e) => e.overdue).map((e) => [e.item, e.daysOverdue])).toEqual([
      ["docket", 2],
    ]);
  });
});

describe("report model: graph, scope, digests", () => {
  const { report } = build(SMALL, "2018-04-10");

  test("the coordination graph ranks offices by the longest dependsOn chain", () => {
    const graph = report.coordinationGraph;
    expect(graph.ranks).toBe(3);
    expect(graph.nodes.map((n) => [n.stakeholder, n.rank])).toEqual([
      ["prosecutors", 0],
      ["marshals", 1],
      ["courts", 1],
      ["defenders", 2],
    ]);
    // Where each sits within its rank is the HTML renderer's business, not the data's.
    expect(graph.nodes[0]).not.toHaveProperty("position");
    expect([...orderWithinRanks(report)]).toEqual([
      ["prosecutors", 0],
      ["marshals", 0],
      ["courts", 1],
      ["defenders", 0],
    ]);
    expect(graph.edges).toEqual([
      { from: "prosecutors", to: "marshals" },
      { from: "prosecutors", to: "courts" },
      { from: "marshals", to: "defenders" },
      { from: "courts", to: "defenders" },
    ]);
    const rank = new Map(graph.nodes.map((n) => [n.stakeholder, n.rank]));
    for (const e of graph.edges) expect(rank.get(e.from)!).toBeLessThan(rank.get(e.to)!);
  });

  test("ruled-out offices and items carry the condition and the fact values that ruled them out", () => {
    expect(report.ruledOut).toEqual([
      {
        stakeholder: "oira",
        name: "OMB Office of Information and Regulatory Affairs",
        agency: "OMB",
        condition: {
          expression: "facts.isRule",
          result: false,
          reads: [{ fact: "isRule", value: false }],
          missing: [],
          error: null,
        },
      },
    ]);
    expect(report.ruledOutItems.map((i) => [i.stakeholder, i.item, i.condition.result])).toEqual([
      ["defenders", "rule-review", false],
    ]);
    expect(report.undecided.map((s) => [s.stakeholder, s.condition.missing])).toEqual([
      ["orr", ["affectsFamilies"]],
    ]);
  });

  test("digests name the draft text, each checklist id@version and each review file", () => {
    const dir = path.dirname(SMALL);
    expect(report.digests.draft.contentDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.digests.checklists).toEqual([
      {
        id: "report-small",
        version: "2.1.0",
        builtin: false,
        file: "test/fixtures/report/small/checklist.yaml",
        digest: sha256(path.join(dir, "checklist.yaml")),
      },
    ]);
    expect(report.digests.review.files).toEqual([
      {
        file: "test/fixtures/report/small/policy.review.yaml",
        digest: sha256(path.join(dir, "policy.review.yaml")),
      },
    ]);
  });

  test("sources and evidence documents are links only when they are http(s)", () => {
    expect(report.sources).toEqual([
      {
        id: "oig-21-028",
        title: "DOJ OIG report 21-028",
        url: "https://oig.justice.gov/reports/21-028",
        href: "https://oig.justice.gov/reports/21-028",
      },
      {
        id: "internal-memo",
        title: "Internal routing memo (no public address)",
        url: null,
        href: null,
      },
    ]);
    const concurrence = report.stakeholders[0]!.items.find((i) => i.id === "concurrence")!;
    expect(concurrence.evidence.document).toEqual({
      text: "https://example.gov/concurrence.pdf",
      href: "https://example.gov/concurrence.pdf",
    });
    const hostile = build(HOSTILE, "2018-04-10").report;
    const documents = hostile.stakeholders.flatMap((s) =>
      s.items.flatMap((i) => (i.evidence.document ? [i.evidence.document] : [])),
    );
    expect(documents.map((d) => [d.text.slice(0, 11), d.href])).toEqual([
      ["javascript:", null],
      ["data:text/h", null],
    ]);
    expect(hostile.sources.map((s) => s.href)).toEqual([
      null,
      null,
      "https://example.gov/report_%28final%29*draft?q=%27a%27&b=c",
    ]);
  });
});

describe("safeHref", () => {
  test.each([
    ["javascript:alert(1)", null],
    [" JAVASCRIPT:alert(1)", null],
    ["java\nscript:alert(1)", null],
    ["data:text/html,<script>", null],
    ["vbscript:msgbox", null],
    ["file:///etc/passwd", null],
    ["//evil.example/x", null],
    ["evidence/memo.pdf", null],
    ["https://user:pw@example.gov/", null],
    ["https://example.gov/a b", "https://example.gov/a%20b"],
    ['https://example.gov/"><img>', "https://example.gov/%22%3E%3Cimg%3E"],
    ["https://example.gov/x|y(z)[w]\\", "https://example.gov/x%7Cy%28z%29%5Bw%5D/"],
    ["HTTPS://Example.GOV/Path?q=1#frag", "https://example.gov/Path?q=1#frag"],
  ])("%j → %j", (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});

describe("determinism", () => {
  test("the same input gives the same bytes, and no renderer reads the clock", () => {
    const first = build(SMALL, "2018-04-10").report;
    const RealDate = Date;
    class NoClock extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) throw new Error("a report read the clock");
        super(...(args as [number]));
      }
      static override now(): number {
        throw new Error("a report read the clock");
      }
    }
    globalThis.Date = NoClock as DateConstructor;
    try {
      const second = build(SMALL, "2018-04-10").report;
      expect(second).toEqual(first);
      for (const render of [renderMarkdown, renderHtml, renderJson]) {
        expect(render(second)).toBe(render(first));
      }
    } finally {
      globalThis.Date = RealDate;
    }
  });

  test("day counts are calendar days, whatever the time zone", () => {
    expect(daysBetween("2018-03-10", "2018-03-12")).toBe(2);
    expect(daysBetween("2018-03-10", "2018-03-11")).toBe(1); // across the US DST change
    expect(daysBetween("2018-04-30", "2018-04-06")).toBe(-24);
  });
});

describe("an answer below the demand", () => {
  const { report } = build(SMALL, "2018-04-10");
  const detention = report.stakeholders
    .find((s) => s.stakeholder === "marshals")!
    .items.find((i) => i.id === "detention")!;

  test("is marked in the JSON, and reads differently from Satisfied in Markdown and HTML", () => {
    expect(detention.status).toBe("satisfied");
    expect(detention.belowDemand).toBe(true);
    expect(report.timeline.entries.find((e) => e.item === "detention")?.belowDemand).toBe(true);
    const md = renderMarkdown(report);
    expect(md).toContain("🟥 Answered — below demand<br>capacity-shortfall");
    const html = renderHtml(report);
    const block = html.slice(html.indexOf('<div class="item status-below-demand'));
    expect(block).toMatch(/^<div class="item status-below-demand[^]*?Answered — below demand/);
    expect(block.slice(0, block.indexOf("</div>"))).not.toContain("Satisfied");
  });

  test("other satisfied answers stay Satisfied", () => {
    const others = report.stakeholders
      .flatMap((s) => s.items)
      .filter((i) => i.status === "satisfied");
    expect(others.filter((i) => !i.belowDemand).length).toBeGreaterThan(0);
  });
});
