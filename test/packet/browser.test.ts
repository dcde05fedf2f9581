/**
 * The packet an office opens, in a real browser: the built binary writes
 * packet.html for the example's U.S. Marshals Service, headless Chromium
 * loads it from file:// with nothing logged or requested, and prints it
 * to PDF with the cover on page 1 and the policy text and every applicable
 * USMS item inside. Needs `npm run build`, the Debian `chromium` package
 * and poppler-utils' pdftotext (the report tests' fallback reader is used
 * without it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { spawnCli } from "../helpers/cli.js";
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
