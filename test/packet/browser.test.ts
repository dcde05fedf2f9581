/**
 * The packet an office opens, in a real browser: the built binary writes
 * packet.html for the example's U.S. Marshals Service, headless Chromium
 * loads it from file:// with nothing logged or requested, and prints it
 * to PDF with the cover on page 1 and the policy text and every applicable
 * USMS item inside. Needs `npm run build`, the Debian `chromium` package
 * and poppler-utils' pdftotext (the report tests' fallback reader is used
 * without it).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnCli } from "../helpers/cli.js";
import { fixture, tempDir } from "../helpers/fixtures.js";
import { CHROMIUM, chromiumAvailable, runChromium } from "../report/helpers/chromium.js";
import { elements } from "../report/helpers/dom.js";
import { pageCount, pageText } from "../report/helpers/pdf.js";
import { AS_OF, newExample } from "./helpers.js";
import type { Example } from "./helpers.js";

const BROWSER_TIMEOUT = 120_000;
const squeeze = (text: string) => text.replace(/\s+/g, "");

interface ExplainJson {
  stakeholders: Array<{
    id: string;
    applies: boolean | null;
    items: Array<{ id: string; question: string; applies: boolean | null }>;
  }>;
}

beforeAll(() => {
  if (!chromiumAvailable()) {
    throw new Error(
      `headless Chromium not found at ${CHROMIUM}: install the Debian package (apt-get install chromium)`,
    );
  }
});

describe("packet.html for usms in headless Chromium", () => {
  let example: Example;
  let file = "";
  beforeAll(() => {
    example = newExample();
    const result = spawnCli(
      ["--as-of", AS_OF, "packet", "zero-tolerance-2018.md", "--stakeholder", "usms", "-o", "usms"],
      {
        cwd: example.dir,
        timeoutMs: 30_000,
      },
    );
    if (result.code !== 0) throw new Error(`preclear packet failed: ${result.stderr}`);
    file = path.join(example.dir, "usms", "packet.html");
  });
  afterAll(() => example.remove());

  test(
    "loads with no console message (no script error, no CSP violation) and no network request",
    async () => {
      const run = await runChromium(file, ["--dump-dom"]);
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(0);
      expect(run.console).toEqual([]);
      expect(run.requests).toEqual([]);
      // One script: the fill-in form's, allowed by its hash (the other is a JSON data block).
      const scripts = elements(run.stdout).filter((e) => e.name === "script");
      expect(scripts).toHaveLength(2);
      expect(run.stdout).toContain('<section class="cover" id="cover">');
    },
    BROWSER_TIMEOUT,
  );

  test(
    "prints with the cover on page 1, then the policy text and every applicable USMS item",
    async () => {
      const pdf = path.join(example.dir, "packet.pdf");
      const run = await runChromium(file, [`--print-to-pdf=${pdf}`, "--no-pdf-header-footer"]);
      expect(run.timedOut).toBe(false);
      expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pages = pageCount(pdf);
      expect(pages).toBeGreaterThan(3);

      const version = /version: "(sha256:[0-9a-f]{64})"/.exec(
        example.read("usms/response.yaml"),
      )![1]!;
      const first = squeeze(pageText(pdf, 1));
      expect(first).toContain("CLEARANCEPACKET");
      expect(first).toContain("PRE-DECISIONAL—DELIBERATIVE");
      expect(first).toContain("FromOfficeoftheAttorneyGeneral");
      expect(first).toContain("U.S.MarshalsService");
      expect(first).toContain(`Taskingdate${AS_OF}`);
      expect(first).toContain(squeeze(version.slice(7, 27)));
      expect(first).toContain("Fingerprint");
      // The cover stands alone: the policy text starts on page 2.
      expect(first).not.toContain("Thepolicytext");
      expect(squeeze(pageText(pdf, 2))).toContain("1.Thepolicytext");
      // The marking and page number on every page.
      expect(squeeze(pageText(pdf, pages))).toContain(`PRE-DECISIONAL—DELIBERATIVE`);
      expect(squeeze(pageText(pdf, pages))).toContain(`${pages}of${pages}`);

      const all = squeeze(Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1)).join("\n"));
      expect(all).toContain(
        squeeze(
          "Each U.S. Attorney's Office on the Southwest border shall adopt, effective immediately",
        ),
      );
      expect(all).toContain("Memorandumforfederalprosecutorsalongthe");
      const explain = JSON.parse(
        spawnCli(["--as-of", AS_OF, "explain", "zero-tolerance-2018.md", "-f", "json"], {
          cwd: example.dir,
        }).stdout,
      ) as ExplainJson;
      const usms = explain.stakeholders.find((s) => s.id === "usms")!;
      const applicable = usms.items.filter((i) => i.applies === true);
      expect(applicable.length).toBeGreaterThan(5);
      for (const item of applicable) expect(all).toContain(squeeze(item.question));
      expect(all).toContain("3.CommentsoftheU.S.MarshalsService");
      expect(all).toContain("4.Decision");
    },
    BROWSER_TIMEOUT,
  );
});

describe("hostile text in a packet, in headless Chromium", () => {
  const OWN = new Set(
    (
      "html head meta title style body main section article h1 h2 h3 h4 p span strong em br a " +
      "code table thead tbody tr th td dl dt dd div ol ul li blockquote hr script form fieldset legend " +
      "label input select option textarea button output"
    ).split(" "),
  );
  const temp = tempDir();
  const pages: string[] = [];
  beforeAll(() => {
    cpSync(fixture("report", "hostile"), temp.dir, { recursive: true });
    mkdirSync(path.join(temp.dir, ".git"));
    const draft = path.join(temp.dir, "policy.md");
    writeFileSync(
      draft,
      readFileSync(draft, "utf8") +
        [
          "",
          "# Heading <script>document.title='pwned'</script>",
          "",
          "A [link](javascript:document.title='pwned') and <img src=x onerror=\"document.title='pwned'\">.",
          "",
          "> quoted </blockquote><script>document.title='pwned'</script>",
          "",
          "1. item `</code><script>document.title='pwned'</script>`",
          "",
        ].join("\n"),
    );
    const result = spawnCli(
      ["--as-of", "2018-04-10", "packet", "policy.md", "--all", "--no-record"],
      {
        cwd: temp.dir,
        timeoutMs: 30_000,
      },
    );
    if (result.code !== 0) throw new Error(`preclear packet failed: ${result.stderr}`);
    for (const office of readdirSync(path.join(temp.dir, "packets"))) {
      const file = path.join(temp.dir, "packets", office, "packet.html");
      const withoutCsp = file.replace(/\.html$/, "-no-csp.html");
      writeFileSync(
        withoutCsp,
        readFileSync(file, "utf8").replace(
          /<meta http-equiv="Content-Security-Policy"[^>]*>\n/,
          "",
        ),
      );
      pages.push(file, withoutCsp);
    }
  });
  afterAll(() => temp.remove());

  test(
    "runs nothing of the text and gains no element or handler, with or without its CSP",
    async () => {
      expect(pages.length).toBeGreaterThanOrEqual(4);
      expect(readFileSync(pages[1]!, "utf8")).not.toContain("Content-Security-Policy");
      for (const page of pages) {
        const run = await runChromium(page, ["--dump-dom"]);
        expect(run.timedOut).toBe(false);
        expect(run.stdout).not.toMatch(/<title>pwned<\/title>/);
        expect(run.stdout).toContain("document.title='pwned'");
        const dom = elements(run.stdout);
        expect(dom.filter((e) => !OWN.has(e.name)).map((e) => e.name)).toEqual([]);
        expect(dom.flatMap((e) => e.attributes.filter((a) => a.name.startsWith("on")))).toEqual([]);
        // The packet's own two scripts only.
        expect(dom.filter((e) => e.name === "script")).toHaveLength(2);
        for (const href of dom.flatMap((e) =>
          e.attributes.filter((a) => a.name === "href").map((a) => a.value),
        )) {
          expect(href).toMatch(/^https?:\/\//);
        }
        expect(run.console).toEqual([]);
        expect(run.requests).toEqual([]);
      }
    },
    BROWSER_TIMEOUT * 2,
  );
});
