/**
 * The HTML report in a real browser, as a new user would open it: the built
 * binary writes report.html, headless Chromium loads it, and the page logs
 * nothing, requests nothing and runs nothing; a screenshot and a PDF come
 * out, and the PDF's first page holds the clearance sheet. Hostile text must
 * not run even with the Content-Security-Policy taken out: escaping alone
 * has to hold. Needs `npm run build` and the Debian `chromium` package.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, spawnCli } from "../helpers/cli.js";
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

/** Text with all whitespace removed: PDF text extraction splits words and lines freely. */
const squeeze = (text: string) => text.replace(/\s+/g, "");

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
    "prints to PDF with the title block and the clearance sheet on the first page",
    async () => {
      const pdf = path.join(temp.dir, "report.pdf");
      const run = await runChromium(file, [`--print-to-pdf=${pdf}`, "--no-pdf-header-footer"]);
      expect(run.timedOut).toBe(false);
      expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pageCount(pdf)).toBeGreaterThan(3);
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
      ) as { draft: { title: string }; clearanceSheet: Array<{ stakeholder: string }> };
      expect(first).toContain("PRE-ISSUANCECLEARANCERECORD");
      expect(first).toContain(squeeze(report.draft.title));
      expect(first).toContain("CLEARANCESHEET");
      expect(first).toContain("SIGNATURE");
      // The first office's row (its id: table cells wrap names across lines).
      expect(first).toContain(report.clearanceSheet[0]!.stakeholder);
      // The sections after the sheet start on later pages.
      expect(first).not.toContain("BLOCKINGGAPS");
      // Read without poppler too (the fallback when pdftotext is not installed), it agrees.
      const raw = squeeze(skiaPageText(readFileSync(pdf), 1));
      expect(raw).toContain("CLEARANCESHEET");
      expect(raw).not.toContain("BLOCKINGGAPS");
    },
    BROWSER_TIMEOUT,
  );
});

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
      "code table thead tbody tr th td dl dt dd div svg path circle rect g text tspan line defs marker"
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
