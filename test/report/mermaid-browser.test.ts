/**
 * Every Mermaid block of every Markdown output renders with the real
 * `mermaid` package in headless Chromium, as GitHub renders it: `check -f
 * markdown`, the job summary and `report --format markdown`, for the
 * example and for a generated checklist of 1,500 items (where the gantt must
 * switch to one bar per office to stay under Mermaid's 50,000-character
 * limit). Needs the Debian `chromium` package.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import { CHROMIUM, chromiumAvailable, runChromium } from "./helpers/chromium.js";
import { EXAMPLE, EXAMPLE_AS_OF } from "./helpers/reports.js";

const MERMAID = path.join(REPO_ROOT, "node_modules", "mermaid", "dist", "mermaid.min.js");
const BROWSER_TIMEOUT = 180_000;
/** Mermaid's default `maxTextSize`. */
const MERMAID_TEXT_LIMIT = 50_000;

/** The bodies of the ```mermaid fences of a Markdown text. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

interface Rendered {
  ok: boolean;
  error?: string;
  size?: number;
}

/** Renders each block with mermaid.render() in one page; returns what each gave. */
async function renderInChromium(dir: string, blocks: string[]): Promise<Rendered[]> {
  const page = path.join(dir, `mermaid-${Math.random().toString(36).slice(2)}.html`);
  const data = JSON.stringify(blocks).replace(/</g, "\\u003c");
  writeFileSync(
    page,
    `<!doctype html><meta charset="utf-8"><title>mermaid</title>
<script src="${pathToFileURL(MERMAID).href}"></script>
<script id="blocks" type="application/json">${data}</script>
<pre id="out">pending</pre>
<script>
(async () => {
  const out = document.getElementById("out");
  try {
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    const blocks = JSON.parse(document.getElementById("blocks").textContent);
    const results = [];
    for (const [i, code] of blocks.entries()) {
      try {
        const { svg } = await mermaid.render("m" + i, code);
        const failed = /aria-roledescription="error"|Syntax error|Maximum text size/.test(svg);
        results.push(failed ? { ok: false, error: "error diagram", size: svg.length } : { ok: true, size: svg.length });
      } catch (e) {
        results.push({ ok: false, error: String((e && e.message) || e).slice(0, 300) });
      }
    }
    out.textContent = JSON.stringify(results);
  } catch (e) {
    out.textContent = JSON.stringify([{ ok: false, error: "page: " + String(e) }]);
  }
})();
</script>`,
  );
  const run = await runChromium(
    page,
    ["--dump-dom", "--virtual-time-budget=120000", "--allow-file-access-from-files"],
    BROWSER_TIMEOUT - 10_000,
  );
  expect(run.timedOut).toBe(false);
  const out = /<pre id="out">([\s\S]*?)<\/pre>/.exec(run.stdout)?.[1] ?? "";
  const json = out
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  if (!json.startsWith("[")) throw new Error(`mermaid did not finish: ${out.slice(0, 200)}`);
  return JSON.parse(json) as Rendered[];
}

/** A project with one draft judged against a checklist of `offices` × `perOffice` items. */
function generatedProject(dir: string, offices: number, perOffice: number): string {
  mkdirSync(path.join(dir, ".git"), { recursive: true });
  const stakeholders = Array.from({ length: offices }, (_, o) => {
    const items = Array.from(
      { length: perOffice },
      (_, i) =>
        `      - id: item-${i + 1}\n        question: Is part ${i + 1} of office ${o + 1} ready?\n        severity: ${["blocker", "major", "minor"][i % 3]}\n        due: P${1 + ((i * 7 + o) % 40)}D\n`,
    ).join("");
    const after = o > 0 && o % 4 !== 0 ? `    dependsOn: [office-${o}]\n` : "";
    return `  - id: office-${o + 1}\n    name: Office number ${o + 1} of the generated checklist\n${after}    items:\n${items}`;
  }).join("");
  writeFileSync(
    path.join(dir, "big.checklist.yaml"),
    `apiVersion: preclear/v1\nkind: Checklist\nid: big\ntitle: Big\nversion: 1.0.0\nstakeholders:\n${stakeholders}`,
  );
  writeFileSync(
    path.join(dir, "big.md"),
    "---\npreclear:\n  id: big\n  title: A policy with a very large checklist\n  issuanceDate: 2018-05-01\n  checklists: [./big.checklist.yaml]\n---\nThe policy text.\n",
  );
  return path.join(dir, "big.md");
}

/** The Markdown outputs of a draft: check -f markdown, the job summary and the report. */
async function markdownOutputs(cwd: string, draft: string, asOf: string, scratch: string) {
  // Outside the project: the test must not write into the repository.
  const summary = path.join(scratch, `step-summary-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(summary, "");
  const check = await runCli(["--as-of", asOf, "check", draft, "-f", "markdown"], { cwd });
  const github = await runCli(["--as-of", asOf, "check", draft, "-f", "github"], {
    cwd,
    env: { GITHUB_STEP_SUMMARY: summary },
  });
  const report = await runCli(["--as-of", asOf, "report", draft, "--format", "markdown"], {
    cwd,
  });
  for (const run of [check, github, report]) expect(run.stderr).toBe("");
  return {
    "check -f markdown": check.stdout,
    "job summary": readFileSync(summary, "utf8"),
    "report --format markdown": report.stdout,
  };
}

beforeAll(() => {
  if (!chromiumAvailable()) {
    throw new Error(
      `headless Chromium not found at ${CHROMIUM}: install the Debian package (apt-get install chromium)`,
    );
  }
});

describe("every Mermaid block of every Markdown output renders in the real mermaid", () => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  test(
    "the example and a generated 1,500-item checklist",
    async () => {
      const example = await markdownOutputs(
        REPO_ROOT,
        path.relative(REPO_ROOT, EXAMPLE),
        EXAMPLE_AS_OF,
        temp.dir,
      );
      const bigDir = path.join(temp.dir, "big");
      mkdirSync(bigDir);
      generatedProject(bigDir, 60, 25);
      const big = await markdownOutputs(bigDir, "big.md", "2018-04-10", temp.dir);

      const blocks: { where: string; code: string }[] = [];
      for (const [name, outputs] of [
        ["example", example],
        ["1,500 items", big],
      ] as const) {
        for (const [output, text] of Object.entries(outputs)) {
          expect(text.length).toBeLessThanOrEqual(output === "job summary" ? 1024 * 1024 : 65_536);
          for (const code of mermaidBlocks(text))
            blocks.push({ where: `${name}: ${output}`, code });
        }
      }
      // The reports have a flowchart and a gantt each.
      expect(blocks.filter((b) => b.where.endsWith("report --format markdown"))).toHaveLength(4);
      for (const { code } of blocks) expect(code.length).toBeLessThan(MERMAID_TEXT_LIMIT);
      // Past the threshold the gantt has one bar per office, not one per item.
      const bigGantt = blocks.find(
        (b) => b.where.startsWith("1,500") && b.code.startsWith("gantt"),
      );
      expect(bigGantt?.code).toContain("section Offices");
      expect(bigGantt?.code.split("\n").length).toBeLessThan(80);

      const results = await renderInChromium(
        temp.dir,
        blocks.map((b) => b.code),
      );
      const failures = results
        .map((r, i) => ({ ...r, where: blocks[i]!.where, head: blocks[i]!.code.split("\n")[0] }))
        .filter((r) => !r.ok);
      expect(failures).toEqual([]);
      expect(results).toHaveLength(blocks.length);
      for (const r of results) expect(r.size).toBeGreaterThan(1000);
    },
    BROWSER_TIMEOUT,
  );

  test(
    "the check can fail: a broken block and an oversized one are reported (control)",
    async () => {
      const oversized = `flowchart LR\n${Array.from({ length: 3000 }, (_, i) => `  n${i}["node number ${i}"] --> n${i + 1}`).join("\n")}`;
      expect(oversized.length).toBeGreaterThan(MERMAID_TEXT_LIMIT);
      const results = await renderInChromium(temp.dir, ['flowchart LR\n  a["x" --> ', oversized]);
      expect(results.map((r) => r.ok)).toEqual([false, false]);
    },
    BROWSER_TIMEOUT,
  );
});
