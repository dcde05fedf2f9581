/**
 * Class 11 of issue 17: layout breakers. A 150-character unbroken official's
 * name pushed the clearance sheet's columns off the page: a table cell's
 * min-content width is its longest word, and `overflow-wrap: break-word` does
 * not lower it. Every text may now break anywhere (`overflow-wrap: anywhere`
 * on the page and every cell), and `white-space: nowrap` is kept for
 * preclear's own short labels only.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT, runCli } from "../helpers/cli.js";

const LONG = "W".repeat(150);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The CSS rules of a page: selector → declarations. */
function rules(html: string): Array<{ selector: string; body: string }> {
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
  return [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selector: m[1]!
      .replace(/\s+/g, " ")
      .replace(/\s*,\s*/g, ",")
      .trim(),
    body: m[2]!.replace(/\s+/g, ""),
  }));
}

describe("long unbroken words in the HTML report", () => {
  test("a 150-character official's name is shown whole, in cells that may break it anywhere", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "preclear-layout-"));
    dirs.push(root);
    mkdirSync(path.join(root, ".git"));
    cpSync(path.join(REPO_ROOT, "examples"), path.join(root, "examples"), { recursive: true });
    const signed = await runCli(
      [
        "--as-of",
        "2018-04-01",
        "signoff",
        "examples/zero-tolerance-2018.md",
        "--stakeholder",
        "usms",
        "--name",
        LONG,
        "--title",
        LONG,
        "--force",
        "layout test",
      ],
      { cwd: root },
    );
    expect(signed.code).toBe(0);
    const result = await runCli(
      [
        "--as-of",
        "2018-04-01",
        "report",
        "examples/zero-tolerance-2018.md",
        "-f",
        "html",
        "-o",
        "r.html",
      ],
      { cwd: root },
    );
    expect(result.code).toBe(0);
    const html = readFileSync(path.join(root, "r.html"), "utf8");
    expect(html).toContain(LONG);
    const css = rules(html);
    const body = css.find((r) => r.selector === "body");
    const cells = css.find((r) => r.selector === "th,td");
    expect(body?.body).toContain("overflow-wrap:anywhere");
    expect(cells?.body).toContain("overflow-wrap:anywhere");
    // Nothing that holds text from a review or checklist may refuse to wrap.
    // …unless it is clipped: one line ending in an ellipsis cannot push a column off the page
    // (the printed clearance sheet; the office's own page gives the whole text).
    const noWrap = css
      .filter((r) => /white-space:nowrap/.test(r.body) && !/overflow:hidden/.test(r.body))
      .map((r) => r.selector);
    for (const selector of noWrap) {
      expect([
        ".badge",
        ".meta th",
        ".date",
        ".decision-box th",
        ".approval-box th",
        ".approval-box td.choices",
        ".sheet .overdue-count",
        ".sheet thead th",
      ]).toContain(selector);
    }
  });
});
