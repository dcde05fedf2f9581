/**
 * The HTML report as a file: self-contained (inline CSS and SVG, nothing
 * fetched, no scripts, a CSP that forbids both), print-ready, and with
 * hostile text turned into text. The browser checks are in browser.test.ts.
 */
import { CONTENT_SECURITY_POLICY, layoutGraph, renderHtml, wrap } from "../../src/report/html.js";
import {
  decodeEntities,
  documentTitle,
  elements,
  OWN_ATTRIBUTES,
  OWN_ELEMENTS,
} from "./helpers/dom.js";
import { build, EXAMPLE, EXAMPLE_AS_OF, HOSTILE, SMALL } from "./helpers/reports.js";

const small = renderHtml(build(SMALL, "2018-04-18").report);
const hostile = renderHtml(build(HOSTILE, "2018-04-10").report);
const example = renderHtml(build(EXAMPLE, EXAMPLE_AS_OF).report);

describe.each([
  ["small fixture", () => small],
  ["hostile fixture", () => hostile],
  ["example", () => example],
])("a self-contained HTML file: %s", (_name, html) => {
  test("declares a Content-Security-Policy that forbids scripts and fetches", () => {
    expect(html()).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    );
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
  });

  test("holds only the elements and attributes the renderer writes", () => {
    const found = elements(html());
    expect(found.filter((e) => !OWN_ELEMENTS.has(e.name)).map((e) => e.name)).toEqual([]);
    const attributes = new Set(found.flatMap((e) => e.attributes.map((a) => a.name)));
    expect([...attributes].filter((a) => !OWN_ATTRIBUTES.has(a) || a.startsWith("on"))).toEqual([]);
  });

  test("links only to http(s) addresses and its own anchors; loads nothing", () => {
    const ids = new Set(
      elements(html()).flatMap((e) =>
        e.attributes.filter((a) => a.name === "id").map((a) => a.value),
      ),
    );
    for (const e of elements(html())) {
      for (const a of e.attributes) {
        if (a.name !== "href") continue;
        const href = decodeEntities(a.value);
        if (href.startsWith("#")) expect(ids).toContain(href.slice(1));
        else expect(href).toMatch(/^https?:\/\/[^\s"'<>`]+$/);
        expect(e.name).toBe("a");
      }
    }
    expect(html()).not.toMatch(/<(link|script|iframe|object|embed|img|image|use)\b/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html())![1]!;
    expect(style).not.toMatch(/@import|url\(|@font-face/i);
  });
});

describe("HTML report content", () => {
  test("the title block and the clearance sheet come first", () => {
    const order = [
      "title-block",
      "clearance-sheet",
      "h-gaps",
      "h-graph",
      "h-capacity",
      "h-timeline",
      "h-stakeholders",
    ];
    const positions = order.map((marker) => small.indexOf(marker));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(small).toContain("<h1>Small policy for report tests</h1>");
    expect(small).toContain('<tr><th scope="row">Report date (as of)</th><td>2018-04-18</td></tr>');
  });

  test("every clearance sheet row has a decision, a sign-off state with a shape, and a signature line", () => {
    const rows = small.split("\n").filter((line) => line.startsWith('<tr class="decision-'));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toContain('<span class="sig-line"></span>');
      expect(row.match(/<span class="badge tone-\w+"><svg class="icon"/g)).toHaveLength(2);
    }
    expect(rows[2]).toContain("Non-concur");
    expect(rows[2]).toContain("Signature verified");
  });

  test("print CSS: Letter, a landscape first page for the sheet, no forced page per stakeholder, page numbers", () => {
    expect(small).toContain("@page{size:letter;");
    expect(small).toContain("@page sheet{size:letter landscape;");
    expect(small).toContain(".first-page{page:sheet}");
    expect(small).not.toContain(".stakeholder{break-before:page");
    expect(small).toContain("@page wide{size:letter landscape}");
    expect(small).toContain('counter(page) " of " counter(pages)');
    expect(small).toContain("print-color-adjust:exact");
  });

  test("hostile text is escaped in text, attributes and the page's CSS", () => {
    expect(documentTitle(hostile)).toBe(
      "Clearance report: Policy <script>document.title='pwned'</script> \"><img src=x onerror=\"document.title='pwned'\"> | title | ``` `x`",
    );
    expect(hostile).toContain(
      "<h1>Policy &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt; | title | ``` `x`</h1>",
    );
    // Non-http(s) evidence and sources are shown, not linked.
    expect(hostile).toContain(
      '<span class="plain-ref">javascript:document.title=&#39;pwned&#39;</span>',
    );
    const style = /<style>([\s\S]*?)<\/style>/.exec(hostile)![1]!;
    expect(style).not.toMatch(/<|pwned/);
  });
});

describe("graph layout by rank", () => {
  test("each rank is a row below the ranks it depends on, nodes never overlap", () => {
    for (const file of [SMALL, EXAMPLE]) {
      const { report } = build(file, "2018-04-10");
      const layout = layoutGraph(report);
      const at = new Map(layout.nodes.map((n) => [n.id, n]));
      for (const e of report.coordinationGraph.edges) {
        expect(at.get(e.from)!.y + at.get(e.from)!.h).toBeLessThan(at.get(e.to)!.y);
      }
      for (const a of layout.nodes) {
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.x + a.w).toBeLessThanOrEqual(layout.width);
        for (const b of layout.nodes) {
          if (a === b) continue;
          const apart =
            a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
          expect(apart).toBe(true);
        }
      }
    }
  });

  test("names wrap to a few lines, cut with an ellipsis", () => {
    expect(
      wrap("U.S. Attorney's Office for the Southern District of California (S.D. Cal.)", 25, 4),
    ).toEqual(["U.S. Attorney's Office", "for the Southern District", "of California (S.D. Cal.)"]);
    expect(wrap("a ".repeat(100), 5, 2)).toEqual(["a a a", "a a …"]);
    expect(wrap("x".repeat(40), 10, 3)).toEqual(["xxxxxxxxx…"]);
  });
});

describe("the timeline's grid", () => {
  const ticks = (html: string) =>
    [...html.matchAll(/<text class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  test("weekly over a few weeks, labelled month and day", () => {
    const labels = ticks(renderHtml(build(EXAMPLE, "2018-04-01").report));
    expect(labels).toEqual(["Mar 04", "Mar 11", "Mar 18", "Mar 25", "Apr 01", "Apr 08"]);
  });

  test("over a year and more: at most 12 lines, every few weeks, labelled month and year", () => {
    const labels = ticks(renderHtml(build(EXAMPLE, "2019-09-01").report));
    expect(labels.length).toBeGreaterThan(6);
    expect(labels.length).toBeLessThanOrEqual(12);
    expect(labels[0]).toBe("Mar 2018");
    expect(labels.at(-1)).toMatch(/ 2019$/);
  });
});
