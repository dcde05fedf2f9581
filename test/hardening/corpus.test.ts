/**
 * The hostile-input corpus (test/fixtures/hostile/): every file in it is run
 * through the BUILT binary — `validate` for checklists and reviews, `check`
 * for drafts — and must give a one-line positioned error per problem, or the
 * correct result; exit 0, 1 or 2; never a stack trace; at most 2 s of CPU and
 * 256 MiB of memory (measured by the kernel, see helpers/measure.ts).
 *
 * test/core/hostile-input.test.ts covers the same directory's first files
 * (alias bomb, duplicate and prototype keys, malformed YAML) in more detail,
 * plus inputs too big to commit; this file holds the whole corpus to the
 * budget. A file added to the directory must be added to CORPUS below.
 */
import { readdirSync } from "node:fs";
import { crashSigns, linesOf } from "../helpers/cli.js";
import { fixture } from "../helpers/fixtures.js";
import { measureCli, MIB } from "./helpers/measure.js";
import type { Measured } from "./helpers/measure.js";

const HOSTILE_DIR = fixture("hostile");
const AS_OF = "2018-04-01";
const CPU_LIMIT_MS = 2000;
const MEMORY_LIMIT_BYTES = 256 * MIB;

interface CorpusCase {
  /** `validate` for checklists and reviews; `check --format json` for drafts. */
  command: "validate" | "check";
  /** The exit code: 0 (fine), 1 (problems found), 2 (unusable). */
  code: 0 | 1 | 2;
  /**
   * Every problem as `file:line:col: message` — for `check`, its invalid-file
   * findings. Empty for a file that is handled correctly (see the tests below
   * for what "correctly" means for each).
   */
  problems: string[];
}

const TAG_ADVICE =
  "preclear files hold plain strings, numbers, booleans, lists and mappings; remove the tag";
const UNPRINTABLE_ADVICE =
  "remove it (inside double quotes, write an escape such as \\u0000 instead)";
const ID_RULE = "must be lower-case letters, digits or dashes, starting with a letter (at most 64)";

const CORPUS: Record<string, CorpusCase> = {
  // ── YAML that must not be expanded, executed or misread ──────────────────
  "alias-bomb.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "alias-bomb.yaml:1:1: too many alias expansions (more than 100); is this an alias bomb?",
    ],
  },
  "duplicate-keys.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "duplicate-keys.yaml:7:1: duplicate key: each key may appear only once in a mapping",
    ],
  },
  "malformed.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "malformed.yaml:5:8: YAML syntax error: Nested mappings are not allowed in compact mappings",
    ],
  },
  "proto-key.yaml": {
    command: "validate",
    code: 1,
    problems: ['proto-key.yaml:7:1: key "__proto__" is not allowed'],
  },
  "constructor-key.yaml": {
    command: "validate",
    code: 1,
    problems: ['constructor-key.yaml:10:5: key "constructor" is not allowed'],
  },
  "prototype-key.yaml": {
    command: "validate",
    code: 1,
    problems: ['prototype-key.yaml:8:3: key "prototype" is not allowed'],
  },
  "tag-js-function.yaml": {
    command: "validate",
    code: 1,
    problems: [`tag-js-function.yaml:5:8: unsupported YAML tag \`!!js/function\`: ${TAG_ADVICE}`],
  },
  "tag-python-object.yaml": {
    command: "validate",
    code: 1,
    problems: [
      `tag-python-object.yaml:5:8: unsupported YAML tag \`!!python/object/apply:os.system\`: ${TAG_ADVICE}`,
    ],
  },
  "tag-custom.yaml": {
    command: "validate",
    code: 1,
    problems: [`tag-custom.yaml:5:8: unsupported YAML tag \`!vault\`: ${TAG_ADVICE}`],
  },
  "tag-yaml11-binary.yaml": {
    command: "validate",
    code: 1,
    problems: [`tag-yaml11-binary.yaml:5:8: unsupported YAML tag \`!!binary\`: ${TAG_ADVICE}`],
  },
  "complex-key.yaml": {
    command: "validate",
    code: 1,
    problems: ["complex-key.yaml:7:3: a key must be a plain value, not a list or mapping"],
  },
  "yaml-1-1-directive.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "yaml-1-1-directive.yaml:1:1: YAML 1.1 is not supported: preclear files are YAML 1.2; remove the %YAML line",
    ],
  },

  // ── Bytes and line endings ────────────────────────────────────────────────
  "nul-byte.yaml": {
    command: "validate",
    code: 1,
    problems: [
      `nul-byte.yaml:5:14: character U+0000 is not allowed in a YAML file; ${UNPRINTABLE_ADVICE}`,
    ],
  },
  "control-character-escaped.yaml": { command: "validate", code: 0, problems: [] },
  "invalid-utf8.yaml": {
    command: "validate",
    code: 1,
    problems: ["invalid-utf8.yaml:5:11: not valid UTF-8 (byte 0xE9); save the file as UTF-8"],
  },
  "bom.yaml": { command: "validate", code: 0, problems: [] },
  "crlf.yaml": { command: "validate", code: 0, problems: [] },
  "mixed-line-endings.yaml": { command: "validate", code: 0, problems: [] },
  "lone-cr.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "lone-cr.yaml:7:12: carriage return (CR) without a line feed: save the file with LF or CRLF line endings",
    ],
  },
  "tab-indentation.yaml": {
    command: "validate",
    code: 1,
    problems: ["tab-indentation.yaml:8:1: YAML syntax error: Tabs are not allowed as indentation"],
  },

  // ── Ids, numbers and dates ────────────────────────────────────────────────
  "id-path-separators.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "id-path-separators.yaml:4:5: `id` must be 2–64 lower-case letters, digits or dashes, starting with a letter",
      `id-path-separators.yaml:8:9: \`id\` ${ID_RULE}`,
      `id-path-separators.yaml:11:13: \`id\` ${ID_RULE}`,
    ],
  },
  "number-1e309.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "number-1e309.yaml:11:14: `maximum` must be a finite number (this one overflows to infinity)",
    ],
  },

  // ── CEL that tries to run long ────────────────────────────────────────────
  "cel-deep-parentheses.yaml": {
    command: "validate",
    code: 1,
    problems: ["cel-deep-parentheses.yaml:10:51: CEL: Exceeded maxDepth (32)"],
  },
  "cel-nested-comprehensions.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "cel-nested-comprehensions.yaml:10:18: CEL: may take about 8,040,200 steps (nested comprehensions over long lists), more than the limit of 100,000; simplify the expression",
    ],
  },
  "cel-string-repetition.yaml": { command: "validate", code: 0, problems: [] },
  "corpus-checklist.yaml": { command: "validate", code: 0, problems: [] },
  // Issue 17, class 3: CEL regular expressions are RE2 (linear time) and costed.
  "cel-regex-redos.yaml": { command: "validate", code: 0, problems: [] },
  "cel-regex-not-re2.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "cel-regex-not-re2.yaml:17:38: CEL: invalid regular expression (RE2 syntax): error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
      "cel-regex-not-re2.yaml:20:73: CEL: regular expressions may cost about 80,000,000,000 (RE2 program size 8 × up to 10,000 characters × 1,000,000 iterations), more than the limit of 1,000,000; simplify the pattern",
    ],
  },
  // Issue 17, class 5: terminal escapes and bidi controls in every text (see terminal.test.ts).
  "terminal-escapes.yaml": { command: "validate", code: 0, problems: [] },

  // ── Drafts ────────────────────────────────────────────────────────────────
  "draft-lf.md": { command: "check", code: 1, problems: [] },
  "draft-bom-crlf.md": { command: "check", code: 1, problems: [] },
  "draft-nul-in-body.md": { command: "check", code: 1, problems: [] },
  "draft-cel-string-repetition.md": { command: "check", code: 0, problems: [] },
  "draft-cel-regex-redos.md": { command: "check", code: 0, problems: [] },
  // Issue 17, class 9: drafts in every YAML spelling (discovery.test.ts finds them with `check .`).
  "draft-quoted-preclear-key.md": { command: "check", code: 1, problems: [] },
  "draft-flow-style.md": { command: "check", code: 1, problems: [] },
  "draft-descriptor-json.yaml": { command: "check", code: 1, problems: [] },
  // Issue 17, class 7: a local checklist weakening a built-in must say so (overrides.test.ts).
  "relax-builtin.yaml": { command: "validate", code: 0, problems: [] },
  "draft-relaxes-builtin.md": {
    command: "check",
    code: 1,
    problems: [
      "relax-builtin.yaml:10:18: weakens `appliesWhen` of stakeholder `usms` as doj-components defines it (doj-components.yaml:306); if that is intended, say why with `overrides: {reason: …}`",
    ],
  },
  "draft-invalid-utf8-body.md": {
    command: "check",
    code: 1,
    problems: [
      "draft-invalid-utf8-body.md:11:12: not valid UTF-8 (byte 0xE9); save the file as UTF-8",
    ],
  },
  "draft-date-2018-02-30.md": {
    command: "check",
    code: 1,
    problems: [
      "draft-date-2018-02-30.md:7:17: `issuanceDate` must be a calendar date (YYYY-MM-DD)",
    ],
  },
  "draft-fact-date-2018-02-30.md": {
    command: "check",
    code: 1,
    problems: [
      "draft-fact-date-2018-02-30.md:9:61: fact `effective` must be a calendar date (YYYY-MM-DD)",
    ],
  },
  "draft-number-1e309.md": {
    command: "check",
    code: 1,
    problems: [
      "draft-number-1e309.md:9:24: `defendants` must be a finite number (this one overflows to infinity)",
    ],
  },
  "draft-huge-integer.md": {
    command: "check",
    code: 1,
    problems: ["draft-huge-integer.md:9:24: fact `defendants` must be a whole number"],
  },
  "draft-id-dot-dot.md": {
    command: "check",
    code: 1,
    problems: [
      "draft-id-dot-dot.md:4:7: `id` must be lower-case letters, digits or dashes (at most 128)",
    ],
  },
  "draft-review-outside.md": {
    command: "check",
    code: 1,
    problems: [
      "draft-review-outside.md:10:11: `review` points outside the project (../../../../../../../../../../../tmp/preclear-hostile.review.yaml); move it inside, or pass --allow-outside",
    ],
  },
  "draft-document-outside.yaml": {
    command: "check",
    code: 1,
    problems: [
      "draft-document-outside.yaml:8:11: `document` points outside the project (../../../../../../../../../../../etc/passwd); move it inside, or pass --allow-outside",
    ],
  },
  "draft-checklist-tag.md": {
    command: "check",
    code: 1,
    problems: [
      `draft-checklist-tag.md:9:24: unsupported YAML tag \`!!js/function\`: ${TAG_ADVICE}`,
    ],
  },
  "draft-cel-string-too-long.md": {
    command: "check",
    code: 1,
    problems: ["draft-cel-string-too-long.md:9:18: fact `text` is longer than 10,000 characters"],
  },
  "draft-list-fact-too-long.md": {
    command: "check",
    code: 1,
    problems: [
      "draft-list-fact-too-long.md:9:36: fact `offices` has 1001 entries, more than the limit of 1000",
    ],
  },
  "draft-deep-checklist-cel.md": {
    command: "check",
    code: 1,
    problems: [
      "cel-nested-comprehensions.yaml:10:18: CEL: may take about 8,040,200 steps (nested comprehensions over long lists), more than the limit of 100,000; simplify the expression",
    ],
  },

  // ── Reviews ───────────────────────────────────────────────────────────────
  "review-crlf.yaml": { command: "validate", code: 0, problems: [] },
  "review-nul-byte.yaml": {
    command: "validate",
    code: 1,
    problems: [
      `review-nul-byte.yaml:10:22: character U+0000 is not allowed in a YAML file; ${UNPRINTABLE_ADVICE}`,
    ],
  },
  "review-invalid-utf8.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "review-invalid-utf8.yaml:10:19: not valid UTF-8 (byte 0xE9); save the file as UTF-8",
    ],
  },
  "review-date-2018-02-30.yaml": {
    command: "validate",
    code: 1,
    problems: ["review-date-2018-02-30.yaml:11:15: `date` must be a calendar date (YYYY-MM-DD)"],
  },
  "review-capacity-1e309.yaml": {
    command: "validate",
    code: 1,
    problems: [
      "review-capacity-1e309.yaml:12:19: `capacity` must be a finite number (this one overflows to infinity)",
    ],
  },
  "review-ids-with-path-separators.yaml": {
    command: "validate",
    code: 1,
    problems: [
      `review-ids-with-path-separators.yaml:6:3: \`stakeholders\` ${ID_RULE}`,
      "review-ids-with-path-separators.yaml:6:3: key `../../etc` is not a valid name",
      `review-ids-with-path-separators.yaml:8:7: \`items\` ${ID_RULE}`,
      "review-ids-with-path-separators.yaml:8:7: key `../passwd` is not a valid name",
      "review-ids-with-path-separators.yaml:10:3: key `usms/x` is not a valid name",
    ],
  },
  "review-tag-custom.yaml": {
    command: "validate",
    code: 1,
    problems: [`review-tag-custom.yaml:9:17: unsupported YAML tag \`!status\`: ${TAG_ADVICE}`],
  },
};

interface JsonFinding {
  ruleId: string;
  level: string;
  message: string;
  location: { file: string; line: number; column: number };
}

interface JsonOutput {
  drafts: Array<{ file: string; draftId: string | null; findings: JsonFinding[] }>;
}

const runs = new Map<string, Measured>();

/** Each corpus file's run, once: several tests look at it. */
function runOf(file: string): Measured {
  let result = runs.get(file);
  if (!result) {
    const { command } = CORPUS[file]!;
    const args =
      command === "validate"
        ? ["validate", file]
        : ["--as-of", AS_OF, "check", "--format", "json", file];
    result = measureCli(args, { cwd: HOSTILE_DIR });
    runs.set(file, result);
  }
  return result;
}

function findingsOf(file: string): JsonFinding[] {
  return (JSON.parse(runOf(file).stdout) as JsonOutput).drafts.flatMap((d) => d.findings);
}

/** The problems a run reported, as `file:line:col: message`. */
function problemsOf(file: string): string[] {
  const { command } = CORPUS[file]!;
  if (command === "validate") {
    return linesOf(runOf(file).stdout)
      .filter((line) => line.startsWith("✖ ") && /:\d+:\d+: /.test(line))
      .map((line) => line.slice(2));
  }
  return findingsOf(file)
    .filter((f) => f.ruleId === "invalid-file")
    .map((f) => `${f.location.file}:${f.location.line}:${f.location.column}: ${f.message}`);
}

describe("the hostile corpus is complete", () => {
  test("every file in test/fixtures/hostile has an expectation here, and every expectation a file", () => {
    const files = readdirSync(HOSTILE_DIR)
      .filter((name) => !name.startsWith("."))
      .sort();
    expect(files).toEqual(Object.keys(CORPUS).sort());
  });
});

describe.each(Object.keys(CORPUS))("hostile corpus: %s", (file) => {
  const expected = CORPUS[file]!;

  test(`exits ${expected.code} with ${expected.problems.length || "no"} positioned problem(s), one line each`, () => {
    const result = runOf(file);
    expect({ code: result.code, problems: problemsOf(file) }).toEqual({
      code: expected.code,
      problems: expected.problems,
    });
    // Problems go to stdout (validate's list, check's report): nothing else, not even a warning.
    expect(result.stderr).toBe("");
  });

  test("never a stack trace, within 2 s of CPU and 256 MiB", () => {
    const result = runOf(file);
    expect(crashSigns(result)).toEqual([]);
    expect(result.timedOut).toBe(false);
    expect(result.cpuMs).toBeLessThan(CPU_LIMIT_MS);
    expect(result.maxRssBytes).toBeLessThan(MEMORY_LIMIT_BYTES);
  });
});

describe("hostile corpus: files that are fine give the correct result", () => {
  const findingsWithout = (file: string, draftId: string) =>
    findingsOf(file).map((f) => ({
      ...f,
      message: f.message.split(draftId).join("<draft>"),
      location: { ...f.location, file: f.location.file.split(draftId).join("<draft>") },
    }));

  test("a byte order mark and CRLF line endings change nothing: same findings as the LF draft", () => {
    expect(findingsWithout("draft-bom-crlf.md", "draft-bom-crlf")).toEqual(
      findingsWithout("draft-lf.md", "draft-lf"),
    );
    expect(findingsOf("draft-lf.md").map((f) => f.ruleId)).toContain("item-open");
  });

  test("a byte order mark and CRLF line endings give the same content digest as LF (SPEC §2)", () => {
    const digest = (file: string) =>
      (
        JSON.parse(
          measureCli(["--as-of", AS_OF, "report", "--format", "json", file], { cwd: HOSTILE_DIR })
            .stdout,
        ) as { digests: { draft: { contentDigest: string } } }
      ).digests.draft.contentDigest;
    expect(digest("draft-bom-crlf.md")).toBe(digest("draft-lf.md"));
  });

  test("a NUL byte in the policy text is text to digest: the draft is judged as usual", () => {
    expect(findingsWithout("draft-nul-in-body.md", "draft-nul-in-body")).toEqual(
      findingsWithout("draft-lf.md", "draft-lf"),
    );
  });

  test("a condition concatenating a 10,000-character fact 250 times is evaluated, and is false", () => {
    // 2.5 million characters: fine. The stakeholder does not apply, so nothing is open.
    expect(findingsOf("draft-cel-string-repetition.md")).toEqual([]);
  });

  test.each(["bom.yaml", "crlf.yaml", "mixed-line-endings.yaml", "control-character-escaped.yaml"])(
    "%s validates as a checklist",
    (file) => {
      expect(linesOf(runOf(file).stdout)).toEqual([`✔ ${file} (checklist)`, "1 file valid"]);
    },
  );

  test("review-crlf.yaml validates as a review", () => {
    expect(linesOf(runOf("review-crlf.yaml").stdout)).toEqual([
      "✔ review-crlf.yaml (review)",
      "1 file valid",
    ]);
  });
});
