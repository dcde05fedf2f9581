/**
 * Property-based tests (fast-check) over the loaders, the evaluator, every
 * finding formatter and every report renderer. For arbitrary input:
 * - nothing throws but a PreclearError, and each of its diagnostics names a
 *   file, a line and a column (>= 1) and is one line;
 * - outputs stay valid: JSON parses, SARIF validates against the OASIS schema,
 *   JUnit is well-formed XML (every case checked in-process, a sample by
 *   xmllint against JUnit.xsd), the JSON report validates against its schema,
 *   HTML holds no element or attribute the input put there, GitHub annotations
 *   stay one command per line, no terminal control character gets through;
 * - the same input gives byte-identical output, whatever order the file
 *   system lists files in.
 *
 * The properties are in four files, so that jest's workers run them side by
 * side:
 * - this file: the loaders (parseYaml, loadDraft, loadReview, validateFile)
 *   over arbitrary text, and output independent of file-system order;
 * - properties-drafts.test.ts: arbitrary fact values and strings in every
 *   draft and review field, through the evaluator, every formatter and every
 *   renderer;
 * - properties-checklists.test.ts: arbitrary strings in every checklist field,
 *   through the same;
 * - properties-formatters.test.ts: every formatter over arbitrary findings
 *   built in memory.
 * Each of the last three ends with the xmllint check of its own JUnit sample.
 * What they share — the project directory, the checklist, the generators and
 * the checks every output must pass — is in helpers/properties.ts. All four
 * are in the `slow` jest project (jest.config.js).
 *
 * 1,000 cases per property by default; PRECLEAR_PROPERTY_RUNS=10000 for more
 * (the slow project's default). To stay fast: one ChecklistLibrary for the
 * fixed checklist, findings and strings built in memory where no loader is
 * involved, files written only where a loader needs them, and plain
 * assertions rather than jest's `expect` inside the properties. A failure
 * prints fast-check's seed and the shrunk counterexample;
 * `fc.assert(..., { seed, path })` replays it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { discoverDrafts } from "../../src/core/load/discover.js";
import { loadDraft } from "../../src/core/load/draft.js";
import { loadReview } from "../../src/core/load/review.js";
import { parseYaml } from "../../src/core/load/yaml.js";
import { validateFile } from "../../src/core/validate.js";
import {
  assertSame,
  expectPositioned,
  expectPositionedDiagnostic,
  fresh,
  library,
  RUNS,
  TIMEOUT_MS,
} from "./helpers/properties.js";

/** A property set on Object.prototype by some input (prototype pollution), if any. */
const polluted = () => (({}) as Record<string, unknown>).polluted;

/** What a loader returns is plain data: JSON.stringify takes it (no cycle, no BigInt). */
function serializable(value: unknown): void {
  try {
    JSON.stringify(value);
  } catch (error) {
    throw new Error(`a loaded value JSON.stringify refuses: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

describe("loaders never throw anything but a positioned PreclearError", () => {
  /** Text that looks like YAML: its tokens, in any order. */
  const yamlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "\n",
          "\n  ",
          "\n    ",
          "- ",
          ": ",
          ":",
          "? ",
          "key",
          "id",
          "kind: Checklist",
          "kind: Review",
          "kind: Draft",
          "apiVersion: preclear/v1",
          "stakeholders:",
          "items:",
          "facts:",
          "'",
          '"',
          "[",
          "]",
          "{",
          "}",
          ", ",
          "&a ",
          "*a",
          "&b [*a, *a]",
          "!!str ",
          "!!js/function ",
          "!foo ",
          "!<tag:x> ",
          "|",
          "|-",
          ">",
          "# c",
          "---",
          "...",
          "%YAML 1.1\n",
          "%TAG ! x:\n",
          "\t",
          "\r\n",
          "\r",
          "\0",
          "__proto__",
          "constructor",
          "prototype",
          "1e309",
          ".nan",
          "-.inf",
          "0x1F",
          "0o17",
          "2018-02-30",
          "null",
          "~",
          "true",
          "yes",
          "é",
          "\ufeff",
          "\u2028",
          "\u0085",
          "\\",
          "\\u0000",
        ),
        fc.string({ maxLength: 6 }),
      ),
      { maxLength: 40 },
    )
    .map((tokens) => tokens.join(""));

  test.each([
    ["arbitrary strings", fc.string({ unit: "binary", maxLength: 200 })],
    ["YAML-like token soup", yamlish],
  ])(
    "parseYaml over %s",
    (_name, text) => {
      fc.assert(
        fc.property(text, (source) => {
          const loaded = expectPositioned(() => parseYaml("input.yaml", source));
          if (loaded) serializable(loaded.value);
          assertSame(polluted(), undefined, "Object.prototype.polluted");
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  test(
    "loadDraft, loadReview and validateFile over generated files",
    () => {
      const header = fc.constantFrom(
        "",
        "apiVersion: preclear/v1\nkind: Checklist\nid: soup\ntitle: Soup\nversion: 1.0.0\n",
        "apiVersion: preclear/v1\nkind: Review\ndraft: soup\n",
        "apiVersion: preclear/v1\nkind: Draft\nid: soup\ntitle: Soup\nchecklists: [./checklist.yaml]\ndocument: checklist.yaml\n",
        "---\npreclear:\n  id: soup\n  title: Soup\n  checklists: [./checklist.yaml]\n",
      );
      fc.assert(
        fc.property(header, yamlish, fc.boolean(), (head, soup, markdown) => {
          const file = fresh(markdown ? "soup-#.md" : "soup-#.yaml");
          writeFileSync(file, head + soup + (markdown ? "\n---\nText.\n" : ""));
          expectPositioned(() => loadDraft(file));
          expectPositioned(() => loadReview(file, "soup"));
          const validation = validateFile(file, library);
          validation.diagnostics.forEach(expectPositionedDiagnostic);
          assertSame(polluted(), undefined, "Object.prototype.polluted");
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

describe("output does not depend on file-system order", () => {
  test(
    "drafts found, and review fragments merged, the same whatever order they were created in",
    () => {
      const names = ["a", "b", "c", "d", "e", "f"];
      const reference = new Map<string, string>();
      fc.assert(
        fc.property(fc.shuffledSubarray(names, { minLength: names.length }), (order) => {
          const dir = fresh("order-#");
          mkdirSync(path.join(dir, "memo.review"), { recursive: true });
          for (const name of order) {
            writeFileSync(
              path.join(dir, `${name}.md`),
              `---\npreclear:\n  id: ${name}\n  title: ${name}\n  checklists: [../checklist.yaml]\n---\n`,
            );
            writeFileSync(
              path.join(dir, "memo.review", `${name}.yaml`),
              `apiVersion: preclear/v1\nkind: Review\ndraft: memo\nstakeholders:\n  office-${name}:\n    decision: { status: concur }\nhistory:\n  - { at: 2018-03-01T00:00:00Z, actor: ${name} }\n`,
            );
          }
          const found = discoverDrafts([dir], dir).join("\n");
          const review = loadReview(path.join(dir, "memo.review"), "memo");
          const merged = JSON.stringify({
            stakeholders: [...review.stakeholders.keys()],
            files: review.fragments.map((f) => path.basename(f.file)),
            history: review.history.map((h) => h.actor),
          });
          for (const [key, value] of [
            ["found", found],
            ["merged", merged],
          ] as const) {
            const seen = reference.get(key);
            if (seen === undefined) reference.set(key, value);
            else assertSame(value, seen, `${key}, in another creation order`);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
