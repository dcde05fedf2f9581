/**
 * packet.html's fill-in form, end to end as an office would use it: open
 * the packet from file:// in headless Chromium, fill in the form, press
 * "Save response.json", and import the file that was saved. The form's one
 * script runs only because its hash is in the Content-Security-Policy: a
 * changed script is refused. Drives Chromium over the DevTools protocol
 * (helpers/fill-form.mjs, run with Node's --experimental-websocket).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnCli } from "../helpers/cli.js";
import { CHROMIUM, chromiumAvailable } from "../report/helpers/chromium.js";
import { AS_OF, newExample, reviewOf } from "./helpers.js";
import type { Example } from "./helpers.js";

const DRIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), "helpers", "fill-form.mjs");
const BROWSER_TIMEOUT = 120_000;

interface FormRun {
  exceptions: string[];
  log: string[];
  status: string;
  downloaded: string;
}

function fillForm(html: string, downloads: string, fields: Record<string, string>): FormRun {
  mkdirSync(downloads, { recursive: true });
  const fieldsFile = path.join(downloads, "..", "fields.json");
  writeFileSync(fieldsFile, JSON.stringify(fields));
  const result = spawnSync(
    process.execPath,
    ["--experimental-websocket", "--no-warnings", DRIVER, CHROMIUM, html, downloads, fieldsFile],
    { encoding: "utf8", timeout: 90_000 },
  );
  if (result.status !== 0)
    throw new Error(`the form driver failed: ${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout) as FormRun;
}

const FIELDS = {
  "respondent.name": "J. Roe",
  "respondent.title": "Assistant Director",
  "respondent.level": "principal",
  "respondent.date": "2018-03-28",
  "item.detention-funding.status": "satisfied",
  "item.detention-funding.contact": "J. Roe, USMS Financial Services",
  "item.detention-funding.document": "https://example.gov/usms/funding-2018.pdf",
  "comment.1.type": "critical",
  "comment.1.location": "§ Direction",
  "comment.1.text": "Call within 72 hours. </script><script>alert(1)</script>",
  "comment.2.type": "administrative",
  "comment.2.text": "Spell out USMS on first use.",
  "decision.status": "concur-with-comments",
  "decision.comments": "Subject to c1.",
};

beforeAll(() => {
  if (!chromiumAvailable()) {
    throw new Error(
      `headless Chromium not found at ${CHROMIUM}: install the Debian package (apt-get install chromium)`,
    );
  }
});

describe("the fill-in form of packet.html", () => {
  let example: Example;
  let html = "";
  beforeEach(() => {
    example = newExample();
    const result = spawnCli(
      ["--as-of", AS_OF, "packet", "zero-tolerance-2018.md", "--stakeholder", "usms", "-o", "usms"],
      { cwd: example.dir, timeoutMs: 30_000 },
    );
    if (result.code !== 0) throw new Error(`preclear packet failed: ${result.stderr}`);
    html = path.join(example.dir, "usms", "packet.html");
  });
  afterEach(() => example.remove());

  test(
    "fill, save response.json, import: the review records those answers",
    async () => {
      const downloads = path.join(example.dir, "downloads");
      const run = fillForm(html, downloads, FIELDS);
      expect(run.exceptions).toEqual([]);
      expect(run.log).toEqual([]);
      expect(run.downloaded).toBe("completed");
      expect(run.status).toBe("Saved response.json: send it to Office of the Attorney General.");
      const saved = path.join(downloads, "response.json");
      expect(JSON.parse(readFileSync(saved, "utf8"))).toMatchObject({
        kind: "Response",
        stakeholder: "usms",
        respondent: { name: "J. Roe", level: "principal", date: "2018-03-28" },
        decision: { status: "concur-with-comments", comments: "Subject to c1." },
      });

      const result = spawnCli(["import", "downloads/response.json"], {
        cwd: example.dir,
        timeoutMs: 30_000,
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        "1 item, 2 comments, decision concur-with-comments, sign-off",
      );
      const usms = reviewOf(example).stakeholders.usms!;
      expect(usms.items["detention-funding"]).toEqual({
        status: "satisfied",
        contact: "J. Roe, USMS Financial Services",
        document: "https://example.gov/usms/funding-2018.pdf",
      });
      expect(usms.comments).toEqual([
        expect.objectContaining({
          id: "c1",
          type: "critical",
          text: "Call within 72 hours. </script><script>alert(1)</script>",
        }),
        expect.objectContaining({ id: "c2", type: "administrative" }),
      ]);
      // Answers the office did not touch are not re-recorded.
      expect(
        reviewOf(example)
          .history.filter((h) => h.via === "import")
          .map((h) => h.item),
      ).toEqual(["detention-funding", "decision", "comment:c1", "comment:c2", "signoff"]);
    },
    BROWSER_TIMEOUT,
  );

  test(
    "an incomplete form saves nothing and says what is missing",
    async () => {
      const downloads = path.join(example.dir, "downloads");
      const run = fillForm(html, downloads, { "decision.status": "non-concur" });
      expect(run.exceptions).toEqual([]);
      expect(run.status).toBe("Give your name.");
      expect(existsSync(path.join(downloads, "response.json"))).toBe(false);
    },
    BROWSER_TIMEOUT,
  );

  test(
    "a script that is not the one hashed in the CSP does not run",
    async () => {
      const tampered = path.join(example.dir, "usms", "tampered.html");
      writeFileSync(
        tampered,
        readFileSync(html, "utf8").replace('"use strict";', '"use strict"; '),
      );
      const downloads = path.join(example.dir, "downloads");
      const run = fillForm(tampered, downloads, FIELDS);
      expect(run.log.join("\n")).toMatch(/Content Security Policy/);
      expect(run.status).toBe("");
      expect(existsSync(path.join(downloads, "response.json"))).toBe(false);
    },
    BROWSER_TIMEOUT,
  );
});
