/**
 * The HTML report in a real browser, as a new user would open it: the built
 * binary writes report.html, headless Chromium loads it, and the page logs
 * nothing, requests nothing and runs nothing; a screenshot and a PDF come
 * out, and the PDF's first page holds the clearance sheet. Hostile text must
 * not run even with the Content-Security-Policy taken out: escaping alone
 * has to hold. Needs `npm run build` and the Debian `chromium` package.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runCli, spawnCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import {
  CHROMIUM,
  chromiumAvailable,
  groupAlive,
  pngSize,
  runChromium,
} from "./helpers/chromium.js";
import { documentTitle, elements } from "./helpers/dom.js";
import { pageCount, pageText, skiaPageText } from "./helpers/pdf.js";
import { EXAMPLE, EXAMPLE_AS_OF, HOSTILE } from "./helpers/reports.js";

const BROWSER_TIMEOUT = 120_000;

/**
 * Text with all whitespace removed (PDF text extraction splits words and
 * lines freely) and compatibility forms folded (NFKC: a font's "ﬀ" ligature
 * reads as "ff").
 */
const squeeze = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

/** `preclear report <draft> --format html -o <file>` with the built binary. */
function reportHtml(draft: string, asOf: string, target: string): string {
  const result = spawnCli(
    ["--as-of", asOf, "report", path.relative(REPO_ROOT, draft), "--format", "html", "-o", target],
    { timeoutMs: 30_000 },
  );
  if (result.code !== 0) throw new Error(`preclear report failed: ${result.stderr}`);
  return readFileSync(target, "utf8");
}

beforeAll(() => {
  if (!chromiumAvailable()) {
    throw new Error(
      `headless Chromium not found at ${CHROMIUM}: install the Debian package (apt-get install chromium), as .ci/run does`,
    );
  }
});

describe("the example's HTML report in headless Chromium", () => {
  const temp = tempDir();
  const file = path.join(temp.dir, "report.html");
  let html = "";
  beforeAll(() => {
    html = reportHtml(EXAMPLE, EXAMPLE_AS_OF, file);
  });
  afterAll(() => temp.remove());

  test(
    "loads with no console message, no network request and no script",
    async () => {
      const run = await runChromium(file, ["--dump-dom"]);
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(0);
      expect(run.console).toEqual([]);
      expect(run.requests).toEqual([]);
      expect(documentTitle(run.stdout)).toBe(documentTitle(html));
      expect(elements(run.stdout).filter((e) => e.name === "script")).toEqual([]);
      expect(run.stdout).toContain('<h2 id="h-sheet">Clearance sheet</h2>');
    },
    BROWSER_TIMEOUT,
  );

  test(
    "takes a 1280×2000 screenshot",
    async () => {
      const shot = path.join(temp.dir, "report.png");
      const run = await runChromium(file, [`--screenshot=${shot}`, "--window-size=1280,2000"]);
      expect(run.timedOut).toBe(false);
      expect(pngSize(shot)).toEqual({ width: 1280, height: 2000 });
      expect(statSync(shot).size).toBeGreaterThan(50_000);
    },
    BROWSER_TIMEOUT,
  );

  test(
    "prints on Letter with the whole clearance sheet and the approving official on page 1, the policy text in an appendix",
    async () => {
      const pdf = path.join(temp.dir, "report.pdf");
      const run = await runChromium(file, [`--print-to-pdf=${pdf}`, "--no-pdf-header-footer"]);
      expect(run.timedOut).toBe(false);
      expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pages = pageCount(pdf);
      expect(pages).toBeGreaterThan(3);
      // Letter: the first page landscape (792 × 612 pt), the rest portrait.
      expect(pageSizes(pdf).slice(0, 2)).toEqual([
        [792, 612],
        [612, 792],
      ]);
      const first = squeeze(pageText(pdf, 1));
      const report = JSON.parse(
        spawnCli([
          "--as-of",
          EXAMPLE_AS_OF,
          "report",
          path.relative(REPO_ROOT, EXAMPLE),
          "-f",
          "json",
        ]).stdout,
      ) as {
        draft: { title: string; text: string | null };
        clearanceSheet: Array<{ stakeholder: string; name: string; order: number }>;
      };
      expect(first).toContain("PRE-ISSUANCECLEARANCERECORD");
      expect(first).toContain(squeeze(report.draft.title));
      expect(first).toContain("APPROVINGOFFICIAL");
      expect(first).toContain("ApproveApprovewithchangesDisapprove");
      expect(first).toContain("CLEARANCESHEET");
      expect(first).toContain("SIGNATURE");
      // Every office's row is on page 1: its name, in order (the start of it:
      // a long name wraps within its cell, and the layout text interleaves cells).
      expect(report.clearanceSheet.length).toBeGreaterThanOrEqual(20);
      let at = 0;
      for (const row of report.clearanceSheet) {
        const found = first.indexOf(squeeze(row.name).slice(0, 28), at);
        expect({ office: row.stakeholder, onPageOne: found >= 0 }).toEqual({
          office: row.stakeholder,
          onPageOne: true,
        });
        at = found;
      }
      // The sections after the sheet start on later pages.
      expect(first).not.toContain("BLOCKINGGAPS");
      // The policy text is the appendix: a sentence of the draft's body on the appendix page.
      const texts = Array.from({ length: pages }, (_, i) => squeeze(pageText(pdf, i + 1)));
      const appendix = texts.findIndex((t) => t.includes("APPENDIX:POLICYTEXT"));
      expect(appendix).toBeGreaterThan(0);
      const sentence = squeeze(
        (report.draft.text ?? "")
          .split("\n")
          .find((line) => /^[A-Z][a-z].{60,}/.test(line))!
          .slice(0, 60),
      );
      expect(texts.slice(appendix).join("")).toContain(sentence);
      // The bed space confirmed below the demand is printed as a shortfall,
      // and the item never reads as satisfied.
      const usms = texts.find((t) => t.includes("usms/detention-beds:confirmedcapacity450")) ?? "";
      expect(usms).toContain("isbelowthedemandof690.79beds");
      expect(texts.join("")).not.toContain("Satisfieddetention-beds");
      // Read without poppler too (the fallback when pdftotext is not installed), it agrees.
      const raw = squeeze(skiaPageText(readFileSync(pdf), 1));
      expect(raw).toContain("CLEARANCESHEET");
      expect(raw).not.toContain("BLOCKINGGAPS");
    },
    BROWSER_TIMEOUT,
  );
});

describe("a clearance sheet of 40 offices with long names, printed", () => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  test(
    "fits on page 1 of US Letter, one line a row, the whole names on the offices' pages",
    async () => {
      mkdirSync(path.join(temp.dir, ".git"));
      const OFFICES = 40;
      const names = Array.from({ length: OFFICES }, (_, i) =>
        i % 3 === 0
          ? `Federal Public Defender and Community Defender offices of the affected districts number ${i + 1}`
          : i % 3 === 1
            ? `U.S. Attorney's Office for the Southern District of Somewhere (S.D. Some.) ${i + 1}`
            : `Office ${i + 1}`,
      );
      const stakeholders = names
        .map(
          (name, i) =>
            `  - id: office-${i + 1}\n    name: "${name}"\n    signoff: required\n    items:\n      - id: ready\n        question: Is it ready?\n        severity: blocker\n        due: P10D\n`,
        )
        .join("");
      writeFileSync(
        path.join(temp.dir, "c.checklist.yaml"),
        `apiVersion: preclear/v1\nkind: Checklist\nid: c40\ntitle: C40\nversion: 1.0.0\nstakeholders:\n${stakeholders}`,
      );
      writeFileSync(
        path.join(temp.dir, "d.md"),
        "---\npreclear:\n  id: d40\n  title: A policy cleared by forty offices\n  issuer: Office of the Deputy Attorney General\n  issuanceDate: 2018-05-01\n  checklists: [./c.checklist.yaml]\n---\n# Policy\n\nThe text of the policy.\n",
      );
      const written = await runCli(
        ["--as-of", "2018-04-20", "report", "d.md", "-f", "html", "-o", "r.html"],
        { cwd: temp.dir },
      );
      expect(written.stderr).toBe("");
      const pdf = path.join(temp.dir, "r.pdf");
      const run = await runChromium(path.join(temp.dir, "r.html"), [
        `--print-to-pdf=${pdf}`,
        "--no-pdf-header-footer",
      ]);
      expect(run.timedOut).toBe(false);
      expect(pageSizes(pdf).slice(0, 2)).toEqual([
        [792, 612],
        [612, 792],
      ]);
      const first = squeeze(pageText(pdf, 1));
      expect(first).toContain("APPROVINGOFFICIAL");
      expect(first).toContain("SIGNATURE");
      // Every row, in order: a long name is cut to one line (ending in an
      // ellipsis), so each row is found by its start.
      const count = (pattern: RegExp) => first.match(pattern)?.length ?? 0;
      expect(count(/FederalPublicDefenderandCommunityDefenderoffices/g)).toBe(14);
      expect(count(/U\.S\.Attorney'sOfficefortheSouthernDistrictofSomewhere/g)).toBe(13);
      expect(count(/Office\d+/g)).toBe(13);
      expect(first).toContain("Office39");
      expect(squeeze(pageText(pdf, 2))).not.toContain("CLEARANCESHEET");
      // The whole name of the last long-named office is printed on a later page.
      const rest = Array.from({ length: pageCount(pdf) - 1 }, (_, i) =>
        squeeze(pageText(pdf, i + 2)),
      ).join("");
      expect(rest).toContain(squeeze(names[OFFICES - 1]!));
    },
    BROWSER_TIMEOUT,
  );
});

/** Each page's MediaBox width and height in points, in page order. */
function pageSizes(file: string): Array<[number, number]> {
  const text = readFileSync(file).toString("latin1");
  return [
    ...text.matchAll(/\/Type\s*\/Page\b[^s][\s\S]*?\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g),
  ].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}

describe("hostile text in the HTML report, in headless Chromium", () => {
  const temp = tempDir();
  const withCsp = path.join(temp.dir, "hostile.html");
  const withoutCsp = path.join(temp.dir, "hostile-no-csp.html");
  let html = "";
  beforeAll(() => {
    html = reportHtml(HOSTILE, "2018-04-10", withCsp);
    // Escaping alone must hold: the same page with its CSP taken out.
    writeFileSync(
      withoutCsp,
      html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, ""),
    );
  });
  afterAll(() => temp.remove());

  const OWN = new Set(
    (
      "html head meta title style body main header section article footer h1 h2 h3 p span strong br a " +
      "code table thead tbody tr th td dl dt dd div svg path circle rect g text tspan line defs marker " +
      "colgroup col h4 ul ol li"
    ).split(" "),
  );

  test.each([
    ["with its Content-Security-Policy", () => withCsp],
    ["with the policy removed", () => withoutCsp],
  ])(
    "runs no script and gains no element or handler %s",
    async (_name, file) => {
      expect(readFileSync(withoutCsp, "utf8")).not.toContain("Content-Security-Policy");
      const run = await runChromium(file(), ["--dump-dom"]);
      expect(run.timedOut).toBe(false);
      // Every payload would set document.title to "pwned".
      expect(documentTitle(run.stdout)).toBe(documentTitle(html));
      expect(documentTitle(run.stdout)).toContain("<script>document.title='pwned'</script>");
      expect(run.stdout).not.toMatch(/<title>pwned<\/title>/);
      const dom = elements(run.stdout);
      expect(dom.filter((e) => !OWN.has(e.name)).map((e) => e.name)).toEqual([]);
      const handlers = dom.flatMap((e) => e.attributes.filter((a) => a.name.startsWith("on")));
      expect(handlers).toEqual([]);
      const hrefs = dom.flatMap((e) =>
        e.attributes.filter((a) => a.name === "href").map((a) => a.value),
      );
      for (const href of hrefs) expect(href).toMatch(/^(#|https?:\/\/)/);
      expect(run.console).toEqual([]);
      expect(run.requests).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});

describe("the browser checks can fail (controls)", () => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  test(
    "a page that runs a script and loads an image is caught",
    async () => {
      const page = path.join(temp.dir, "control.html");
      writeFileSync(
        page,
        '<!DOCTYPE html><html><head><title>clean</title></head><body><script>document.title="pwned"; console.log("ran")</script><img src="https://example.invalid/x.png"></body></html>',
      );
      const run = await runChromium(page, ["--dump-dom"]);
      expect(documentTitle(run.stdout)).toBe("pwned");
      expect(run.console.join("\n")).toContain("ran");
      expect(run.requests).toContain("https://example.invalid/x.png");
    },
    BROWSER_TIMEOUT,
  );

  test(
    "a browser that runs past its timeout is killed, with all its processes",
    async () => {
      const page = path.join(temp.dir, "slow.html");
      writeFileSync(page, "<!DOCTYPE html><title>slow</title>");
      // A run that is never killed hangs here until the test's own timeout.
      const run = await runChromium(page, ["--dump-dom"], 1);
      expect(run.timedOut).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(groupAlive(run.pid!)).toBe(false);
    },
    BROWSER_TIMEOUT,
  );

  test(
    "no browser outlives a run",
    async () => {
      const page = path.join(temp.dir, "quick.html");
      writeFileSync(page, "<!DOCTYPE html><title>quick</title>");
      const run = await runChromium(page, ["--dump-dom"]);
      expect(run.timedOut).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(groupAlive(run.pid!)).toBe(false);
    },
    BROWSER_TIMEOUT,
  );
});
