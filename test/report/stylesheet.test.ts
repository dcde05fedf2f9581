/**
 * The HTML report's stylesheet lives in src/report/report.css; the build
 * inlines it as src/report/stylesheet.ts, which is committed so that the
 * tests and the type checker need no build. They must agree.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../helpers/cli.js";
import { REPORT_CSS } from "../../src/report/stylesheet.js";
import { renderHtml } from "../../src/report/html.js";
import { build, SMALL } from "./helpers/reports.js";

describe("the report stylesheet", () => {
  it("is inlined from report.css as it is now", () => {
    expect(() =>
      execFileSync(
        process.execPath,
        [path.join(REPO_ROOT, "src", "build", "inline-css.mjs"), "--check"],
        {
          cwd: REPO_ROOT,
          stdio: "pipe",
        },
      ),
    ).not.toThrow();
    const source = readFileSync(path.join(REPO_ROOT, "src", "report", "report.css"), "utf8");
    expect(source).toContain("@page sheet");
    expect(REPORT_CSS).toContain("@page sheet{size:letter landscape;");
  });

  it("is in every HTML report, whole, in its one <style>", () => {
    const html = renderHtml(build(SMALL, "2018-04-10").report);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(styles).toHaveLength(1);
    expect(styles[0]![1]).toContain(REPORT_CSS);
  });
});
