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
 * 1,000 cases per property by default; PRECLEAR_PROPERTY_RUNS=10000 for more.
 * To stay fast: one ChecklistLibrary for the fixed checklist, findings and
 * strings built in memory where no loader is involved, files written only
 * where a loader needs them. A failure prints fast-check's seed and the
 * shrunk counterexample; `fc.assert(..., { seed, path })` replays it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv04Module from "ajv-draft-04";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { stringify } from "yaml";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import { PreclearError } from "../../src/core/diagnostics.js";
import type { Diagnostic } from "../../src/core/diagnostics.js";
import { discoverDrafts } from "../../src/core/load/discover.js";
import { loadDraft } from "../../src/core/load/draft.js";
import { evaluate, loadBundle } from "../../src/core/evaluate/evaluate.js";
import type { CheckResult, Finding } from "../../src/core/rules/findings.js";
import { RULE_IDS } from "../../src/core/rules/findings.js";
import { lint } from "../../src/core/rules/lint.js";
import { loadReview } from "../../src/core/load/review.js";
import { signoffRules } from "../../src/core/signing/signoff.js";
import { validateFile } from "../../src/core/validate.js";
import { parseYaml } from "../../src/core/load/yaml.js";
import { FORMAT_NAMES, FORMATTERS } from "../../src/formatters/index.js";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { buildReport } from "../../src/report/model.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { startTags } from "./helpers/html.js";
import { xmlProblem } from "./helpers/xml.js";
import { OWN_ATTRIBUTES, OWN_ELEMENTS } from "../report/helpers/dom.js";

const RUNS = Number(process.env.PRECLEAR_PROPERTY_RUNS ?? 1000);
const AS_OF = "2018-04-01";
const TOOL_VERSION = "9.9.9";
/** Generous: 10,000 runs of the file-writing properties take minutes. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 200);

// ── shared set-up ─────────────────────────────────────────────────────────

// In memory where the machine offers it (tmpfs): thousands of small files are written.
const PROJECT = mkdtempSync(
  path.join(existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), "preclear-properties-"),
);
mkdirSync(path.join(PROJECT, ".git"));
afterAll(() => rmSync(PROJECT, { recursive: true, force: true }));

/** Facts of every type, stakeholders with conditions, capacity, dues, evidence and dependencies. */
const CHECKLIST = `apiVersion: preclear/v1
kind: Checklist
id: hardening
title: Hardening checklist
version: 1.0.0
sources:
  - id: oig
    title: DOJ OIG 21-028
    url: https://oig.justice.gov/reports/21-028
facts:
  flag: { type: boolean, question: Flag? }
  count: { type: integer, minimum: 0, question: How many? }
  ratio: { type: number, question: What ratio? }
  label: { type: string, question: What label? }
  when: { type: date, question: When? }
  custody: { type: enum, options: [none, federal, both], question: Who holds them? }
  offices: { type: list, question: Which offices? }
stakeholders:
  - id: usms
    name: U.S. Marshals Service
    agency: DOJ
    appliesWhen: "facts.custody in ['federal', 'both']"
    items:
      - id: detention
        question: Is there detention space?
        severity: blocker
        due: P30D
        evidence: [contact, date]
        capacity: { demand: facts.count, unit: defendants/month }
        sources: [oig]
      - id: transport
        question: Is transport arranged?
        severity: major
        appliesWhen: facts.flag
        due: P2W
        sources: [oig]
  - id: courts
    name: Administrative Office of the U.S. Courts
    dependsOn: [usms]
    signoff: optional
    appliesWhen: "facts.count > 100 || facts.label.contains('court')"
    items:
      - id: dockets
        question: Can the dockets absorb the cases?
        severity: major
        due: P1M
        capacity: { demand: "facts.ratio * 2.0", unit: hearings/day }
        sources: [oig]
  - id: orr
    name: Office of Refugee Resettlement
    dependsOn: [usms, courts]
    appliesWhen: "facts.offices.exists(o, o == 'orr') || facts.when < '2018-06-01'"
    items:
      - id: notice
        question: Was ORR given notice?
        severity: blocker
        evidence: [document]
        sources: [oig]
  - id: dhs
    name: Department of Homeland Security
    items:
      - id: agreement
        question: Is there an agreement?
        severity: minor
        evidence: [contact]
        sources: [oig]
`;
writeFileSync(path.join(PROJECT, "checklist.yaml"), CHECKLIST);
const library = new ChecklistLibrary();

const STAKEHOLDERS: Record<string, string[]> = {
  usms: ["detention", "transport"],
  courts: ["dockets"],
  orr: ["notice"],
  dhs: ["agreement"],
};

let counter = 0;
/** A fresh file name in the project, so no run sees another's files or cache. */
function fresh(name: string): string {
  counter++;
  return path.join(PROJECT, name.replace("#", String(counter)));
}

// ── what every failure and output must look like ──────────────────────────

/** Call `fn`; a PreclearError is fine if every diagnostic is positioned; anything else fails. */
function expectPositioned<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof PreclearError)) throw error;
    expect(error.diagnostics.length).toBeGreaterThan(0);
    for (const d of error.diagnostics) expectPositionedDiagnostic(d);
    return undefined;
  }
}

function expectPositionedDiagnostic(d: Diagnostic): void {
  const { file, line, column } = d.location;
  if (
    typeof file !== "string" ||
    file === "" ||
    !Number.isInteger(line) ||
    line < 1 ||
    !Number.isInteger(column) ||
    column < 1 ||
    /[\r\n]/.test(d.message) ||
    d.message.trim() === ""
  ) {
    throw new Error(`not a positioned one-line diagnostic: ${JSON.stringify(d)}`);
  }
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

// Both packages are CommonJS whose module.exports also carries `.default`.
const Ajv04 = Ajv04Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: unknown) => void;

const sarifSchema = (() => {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(
    JSON.parse(
      readFileSync(
        path.join(REPO_ROOT, "test", "fixtures", "peers", "sarif-schema-2.1.0.json"),
        "utf8",
      ),
    ) as object,
  );
})();

const reportSchema = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(
    JSON.parse(
      readFileSync(path.join(REPO_ROOT, "schemas", "report.schema.json"), "utf8"),
    ) as object,
  );
})();

/** A sample of JUnit outputs for xmllint, checked once at the end. */
const junitSample: string[] = [];
let formattedCount = 0;

/** Run every formatter; check each output is valid for its format. Returns them. */
function formatAll(result: CheckResult): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const name of FORMAT_NAMES) {
    outputs[name] = FORMATTERS[name](result, {
      color: false,
      cwd: PROJECT,
      toolVersion: TOOL_VERSION,
    });
  }
  outputs["stylish (colour)"] = FORMATTERS.stylish(result, {
    color: true,
    cwd: PROJECT,
    toolVersion: TOOL_VERSION,
  });

  const json = JSON.parse(outputs.json!) as {
    drafts: Array<{ findings: Array<{ message: string }> }>;
  };
  // JSON carries every message through exactly.
  expect(json.drafts.flatMap((d) => d.findings.map((f) => f.message)).sort()).toEqual(
    result.drafts.flatMap((d) => d.findings.map((f) => f.message)).sort(),
  );

  const sarif = JSON.parse(outputs.sarif!) as unknown;
  if (!sarifSchema(sarif)) {
    throw new Error(`SARIF invalid: ${JSON.stringify(sarifSchema.errors?.slice(0, 3))}`);
  }

  const junitProblem = xmlProblem(outputs.junit!);
  if (junitProblem) throw new Error(`JUnit not well-formed: ${junitProblem}`);
  // Every 25th output, and the first ones that needed character references.
  formattedCount++;
  const escaped = /&#/.test(outputs.junit!) && junitSample.length < 20;
  if (junitSample.length < 60 && (formattedCount % 25 === 0 || escaped)) {
    junitSample.push(outputs.junit!);
  }

  // Terminal- and log-facing text: no control character from the input survives.
  for (const name of ["stylish", "github", "markdown"]) {
    expect({ name, control: CONTROLS.exec(outputs[name]!)?.[0] }).toEqual({
      name,
      control: undefined,
    });
    expect(LONE_SURROGATE.test(outputs[name]!)).toBe(false);
  }
  expect(CONTROLS.test(outputs["stylish (colour)"]!.replace(SGR, ""))).toBe(false);

  // GitHub: one workflow command per line; nothing a message holds starts another.
  for (const line of outputs.github!.split("\n").slice(0, -1)) {
    expect(line).toMatch(/^::(error|warning|notice)( [^:]*)?::/);
  }
  // Markdown: no HTML element but the line breaks it writes itself.
  expect(outputs.markdown!).not.toMatch(/<(?!br>)[A-Za-z!/?]/);
  return outputs;
}

function renderAll(report: ReturnType<typeof buildReport>): Record<string, string> {
  const outputs = {
    markdown: renderMarkdown(report),
    html: renderHtml(report),
    json: renderJson(report),
  };
  const json = JSON.parse(outputs.json) as unknown;
  if (!reportSchema(json)) {
    throw new Error(`report JSON invalid: ${JSON.stringify(reportSchema.errors?.slice(0, 3))}`);
  }
  const { tags, stray } = startTags(outputs.html);
  const foreign = tags.filter((e) => !OWN_ELEMENTS.has(e.name)).map((e) => e.name);
  const attributes = tags.flatMap((e) => e.attributes);
  const foreignAttributes = attributes.filter((a) => !OWN_ATTRIBUTES.has(a) || a.startsWith("on"));
  const strayText = stray.map((at) => outputs.html.slice(at, at + 40));
  expect({ foreign, foreignAttributes, strayText }).toEqual({
    foreign: [],
    foreignAttributes: [],
    strayText: [],
  });
  // Raw tags, or a link (an unescaped `](`) to a script.
  expect(outputs.markdown).not.toMatch(/<x-injected|<script|<img|(?<!\\)\]\(javascript:/i);
  expect(CONTROLS.test(outputs.html) || CONTROLS.test(outputs.markdown)).toBe(false);
  return outputs;
}

// ── generators ────────────────────────────────────────────────────────────

/** Text that has broken other tools: markup, Markdown, workflow commands, escapes, Unicode tricks. */
const HOSTILE = [
  "<x-injected>",
  '"><x-injected x-injected="1">',
  "' x-injected='1",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "</style><x-injected>",
  "</title></textarea><x-injected>",
  "<!--",
  "-->",
  "]]>",
  "&amp;",
  "&#0;",
  "&#x1b;",
  "&",
  "[link](javascript:alert(1))",
  "![img](https://evil.example/x.png)",
  "javascript:alert(1)",
  "https://user:pass@evil.example/",
  "| cell |",
  "`code`",
  "```",
  "*bold*",
  "# heading",
  "@team",
  "::error::forged",
  "%0A::warning::forged",
  "\r\n::notice::forged",
  "\n---\n",
  "\u001b[31mred\u001b[0m",
  "\u001b]0;title\u0007",
  "\u001b[2J",
  "\u0000",
  "\u0007",
  "\u0085",
  "\u2028",
  "\u202e",
  "\ufeff",
  "\uffff",
  "\ud800",
  "\udc00",
  "😀",
  "e\u0301",
  '"',
  "'",
  "\\",
  "${x}",
  "{{x}}",
  "%s",
  "__proto__",
  "constructor",
  " ",
  "",
];

/** Any string: random code points, hostile snippets, and mixtures of both. */
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 })), { maxLength: 5 })
      .map((parts) => parts.join("")),
  },
);

/**
 * Strings as they can sit in a YAML file. The YAML writer used here emits C1
 * controls and U+FFFE/U+FFFF raw, which the loader rightly refuses; those
 * reach the renderers through the in-memory properties instead.
 */
const fileText = anyText.map((s) => s.replace(/[\u007f-\u009f\ufffe\uffff]/g, ""));
/** For fields the schemas require to be non-empty. */
const someText = fileText.map((s) => (s === "" ? "-" : s));

/**
 * Mostly `valid`, now and then `junk`: with ~30 fields a case, about half the
 * cases are entirely valid (and reach the evaluator), the rest break somewhere.
 */
function mostly<T>(valid: fc.Arbitrary<T>, junk: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 40, arbitrary: valid }, { weight: 1, arbitrary: junk });
}

const validDate = fc
  .date({
    min: new Date(Date.UTC(1900, 0, 1)),
    max: new Date(Date.UTC(2100, 11, 31)),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const dateLike = mostly(
  validDate,
  fc.constantFrom("2018-02-30", "2018-13-01", "2018-4-6", "", "tomorrow", 20180406),
);

const oddNumber = fc.constantFrom(
  Infinity,
  -Infinity,
  NaN,
  -0,
  2 ** 53 + 1,
  1e308,
  -1e-320,
  Number("12345678901234567890"),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.double(),
  oddNumber,
  fileText,
  fc.array(fileText, { maxLength: 4 }),
  fc.constant(null),
  fc.dictionary(fc.constantFrom("a", "b", "__proto__x"), fileText, { maxKeys: 2 }),
);

/** Well-typed answers, with the edge values of each type. */
const VALID_FACT: Record<string, fc.Arbitrary<unknown>> = {
  flag: fc.boolean(),
  count: fc.oneof(fc.nat(1_000_000), fc.constantFrom(0, 101, 2 ** 53 - 1)),
  ratio: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
  label: fileText,
  when: validDate,
  custody: fc.constantFrom("none", "federal", "both"),
  offices: fc.array(fc.oneof(fc.constantFrom("orr", "usao-az"), fileText), { maxLength: 5 }),
};

/** Facts: each absent or (mostly well-typed) present; now and then an undeclared one. */
const factsArb = fc
  .record(
    Object.fromEntries(
      Object.entries(VALID_FACT).map(([name, valid]) => [name, mostly(valid, anyValue)]),
    ),
    { requiredKeys: [] },
  )
  .chain((facts) =>
    fc
      .oneof(
        { weight: 30, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.constantFrom("undeclared", "flags", "Count"), anyValue),
        },
      )
      .map((extra) => (extra ? { ...facts, [extra[0]]: extra[1] } : facts)),
  );

const documentLink = fc.oneof(
  someText,
  fc.constantFrom(
    "https://evidence.example.gov/memo.pdf?a=1&b=<2>#p",
    "javascript:alert(1)",
    "data:text/html,<x-injected>",
    "evidence/olp-review.pdf",
    "https://user:pw@example.gov/",
    'http://example.gov/"><x-injected>',
  ),
);

const itemResponse = fc.record(
  {
    status: fc.constantFrom("open", "in-progress", "satisfied", "not-applicable", "risk-accepted"),
    contact: mostly(someText, fc.constant("")),
    date: dateLike,
    document: documentLink,
    capacity: mostly(
      fc.oneof(fc.nat(10_000), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })),
      fc.oneof(oddNumber, fc.integer({ max: -1 }), fileText),
    ),
    notes: fileText,
    justification: someText,
    acceptedBy: someText,
    rationale: someText,
  },
  { requiredKeys: ["status"] },
);

const decision = fc.record(
  {
    status: fc.constantFrom("concur", "concur-with-comments", "non-concur"),
    comments: mostly(someText, fc.constant("")),
    by: fileText,
    date: dateLike,
  },
  { requiredKeys: ["status"] },
);

const hex64 = fc.string({
  unit: fc.constantFrom(..."0123456789abcdef"),
  minLength: 64,
  maxLength: 64,
});
const signoff = fc.record(
  {
    name: someText,
    title: fileText,
    date: dateLike,
    digest: mostly(
      hex64.map((h) => `sha256:${h}`),
      fileText,
    ),
    keyId: fc.constantFrom("usms-2018", "forged", "x"),
    signature: fc.oneof(fc.base64String({ minLength: 4, maxLength: 88 }), someText),
  },
  { requiredKeys: ["name", "date", "digest"] },
);

const stakeholderRecord = (id: string) =>
  fc.record(
    {
      items: fc.dictionary(fc.constantFrom(...STAKEHOLDERS[id]!, "ghost-item"), itemResponse, {
        maxKeys: 3,
      }),
      decision,
      signoffs: fc.array(signoff, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );

const historyEntry = fc.record(
  {
    at: fc
      .date({
        min: new Date(Date.UTC(2017, 0, 1)),
        max: new Date(Date.UTC(2019, 0, 1)),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().replace(/\.\d{3}Z$/, "Z")),
    actor: someText,
    stakeholder: fc.constantFrom(...Object.keys(STAKEHOLDERS)),
    item: fileText,
    from: fc.option(fileText, { nil: null }),
    to: fc.option(fileText, { nil: null }),
    reason: fileText,
  },
  { requiredKeys: ["at", "actor"] },
);

const reviewArb = fc.record(
  {
    // Usually the facts are all in the draft; a review that repeats one differently is an error.
    facts: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: factsArb }),
    stakeholders: fc
      .subarray([...Object.keys(STAKEHOLDERS), "ghost-office"])
      .chain((ids) =>
        fc
          .tuple(...ids.map((id) => stakeholderRecord(STAKEHOLDERS[id] ? id : "dhs")))
          .map((records) => Object.fromEntries(ids.map((id, index) => [id, records[index]]))),
      ),
    history: fc.array(historyEntry, { maxLength: 3 }),
    /** Now and then the review names another draft. */
    otherDraft: fc.oneof(
      { weight: 30, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant("another-draft") },
    ),
  },
  { requiredKeys: ["stakeholders"] },
);

const draftArb = fc.record(
  {
    title: mostly(someText, fc.constant("")),
    issuer: fileText,
    issuanceDate: dateLike,
    facts: factsArb,
    body: fileText,
  },
  { requiredKeys: ["title", "body"] },
);

/** YAML for a value: block style (the `yaml` writer) or JSON (which is YAML), at random. */
function yamlText(value: unknown, json: boolean): string {
  return json ? `${JSON.stringify(value)}\n` : stringify(value);
}

interface Generated {
  draft: { title: string; body: string; issuer?: string; issuanceDate?: string; facts?: object };
  review: {
    facts?: object;
    stakeholders: object;
    history?: object[];
    otherDraft?: string | null;
  } | null;
  json: boolean;
}

/** Write a draft (and its review, if any); returns the draft's path. */
function writeDraft({ draft, review, json }: Generated): string {
  const file = fresh("policy-#.md");
  const id = path.basename(file, ".md");
  const { body, ...fields } = draft;
  const front = { preclear: { id, ...fields, checklists: ["./checklist.yaml"] } };
  writeFileSync(file, `---\n${yamlText(front, json)}---\n${body}`);
  if (review) {
    const { otherDraft, ...rest } = review;
    const document = {
      apiVersion: "preclear/v1",
      kind: "Review",
      draft: otherDraft ?? id,
      ...rest,
    };
    writeFileSync(file.replace(/\.md$/, ".review.yaml"), yamlText(document, json));
  }
  return file;
}

interface PipelineOutput {
  findings: Finding[];
  formatted: Record<string, string>;
  rendered: Record<string, string>;
}

/**
 * load → evaluate → lint (with the sign-off rules) → every formatter and
 * renderer, each output checked; with `check: false`, only the outputs (for
 * the determinism pass).
 */
function pipeline(
  file: string,
  lib: ChecklistLibrary = library,
  check = true,
): PipelineOutput | undefined {
  const bundle = expectPositioned(() => loadBundle(file, lib));
  if (!bundle) return undefined;
  const evaluation = evaluate(bundle);
  const findings = lint(evaluation, { asOf: AS_OF }, signoffRules(undefined));
  if (!check) {
    const result: CheckResult = {
      asOf: AS_OF,
      drafts: [{ file, draftId: bundle.draft.draft.id, title: bundle.draft.draft.title, findings }],
    };
    const options = { color: false, cwd: PROJECT, toolVersion: TOOL_VERSION };
    const report = buildReport(evaluation, findings, { ...options, asOf: AS_OF });
    return {
      findings,
      formatted: Object.fromEntries(FORMAT_NAMES.map((n) => [n, FORMATTERS[n](result, options)])),
      rendered: {
        markdown: renderMarkdown(report),
        html: renderHtml(report),
        json: renderJson(report),
      },
    };
  }
  for (const finding of findings) {
    expect(RULE_IDS).toContain(finding.ruleId);
    // A finding may quote multi-line text (a checklist question); each formatter folds it.
    const message = finding.message.replace(/[\r\n]+/g, " ");
    expectPositionedDiagnostic({ location: finding.location, message: message.trim() || "?" });
  }
  const result: CheckResult = {
    asOf: AS_OF,
    drafts: [{ file, draftId: bundle.draft.draft.id, title: bundle.draft.draft.title, findings }],
  };
  const formatted = formatAll(result);
  const report = buildReport(evaluation, findings, {
    asOf: AS_OF,
    cwd: PROJECT,
    toolVersion: TOOL_VERSION,
  });
  return { findings, formatted, rendered: renderAll(report) };
}

const polluted = () => (({}) as Record<string, unknown>).polluted;

// ── the properties ────────────────────────────────────────────────────────

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
          if (loaded) expect(() => JSON.stringify(loaded.value)).not.toThrow();
          expect(polluted()).toBeUndefined();
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
          expect(polluted()).toBeUndefined();
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

describe("the evaluator, formatters and renderers over generated drafts and reviews", () => {
  const generated = fc.record({
    draft: draftArb,
    review: fc.option(reviewArb, { freq: 6 }),
    json: fc.boolean(),
  }) as fc.Arbitrary<Generated>;

  test(
    "arbitrary fact values and arbitrary strings in every draft and review field",
    () => {
      let evaluated = 0;
      fc.assert(
        fc.property(generated, (input) => {
          const file = writeDraft(input);
          const first = pipeline(file);
          if (!first) return;
          evaluated++;
          // Deterministic: loading and rendering again gives the same bytes.
          const second = pipeline(file, library, false);
          const { "stylish (colour)": _coloured, ...formatted } = first.formatted;
          expect(second?.formatted).toEqual(formatted);
          expect(second?.rendered).toEqual(first.rendered);
        }),
        { numRuns: RUNS },
      );
      // Most cases must get past the loaders, or the property tests little.
      expect(evaluated).toBeGreaterThan(RUNS * 0.3);
    },
    TIMEOUT_MS,
  );

  test(
    "arbitrary strings in every checklist field (names, questions, guidance, sources, units)",
    () => {
      const checklistStrings = fc.record({
        title: someText,
        description: fileText,
        sourceTitle: someText,
        sourceUrl: mostly(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          documentLink,
        ),
        question: someText,
        help: fileText,
        unit: fileText,
        name: someText,
        agency: fileText,
        stakeholderDescription: fileText,
        itemQuestion: someText,
        guidance: fileText,
        capacityUnit: fileText,
        condition: fc.oneof(
          {
            weight: 5,
            arbitrary: fc.constantFrom("facts.count > 3", "true", "facts.count >= 0 && true"),
          },
          { weight: 1, arbitrary: fileText },
        ),
      });
      const lib = new ChecklistLibrary();
      let evaluated = 0;
      fc.assert(
        fc.property(checklistStrings, factsArb, fc.boolean(), (s, facts, json) => {
          const checklistFile = fresh("checklist-#.yaml");
          const checklist = {
            apiVersion: "preclear/v1",
            kind: "Checklist",
            id: "strings",
            title: s.title,
            version: "1.0.0",
            description: s.description,
            sources: [{ id: "src", title: s.sourceTitle, url: s.sourceUrl }],
            facts: { count: { type: "integer", question: s.question, help: s.help, unit: s.unit } },
            stakeholders: [
              {
                id: "office",
                name: s.name,
                agency: s.agency,
                description: s.stakeholderDescription,
                appliesWhen: s.condition,
                items: [
                  {
                    id: "item",
                    question: s.itemQuestion,
                    guidance: s.guidance,
                    severity: "blocker",
                    due: "P10D",
                    evidence: ["contact"],
                    capacity: { demand: "facts.count", unit: s.capacityUnit },
                    sources: ["src"],
                  },
                ],
              },
            ],
          };
          writeFileSync(checklistFile, yamlText(checklist, json));
          const file = fresh("strings-#.md");
          const count = (facts as Record<string, unknown>).count;
          writeFileSync(
            file,
            `---\n${yamlText(
              {
                preclear: {
                  id: "strings",
                  title: s.title,
                  issuanceDate: "2018-04-06",
                  checklists: [`./${path.basename(checklistFile)}`],
                  ...(count === undefined ? {} : { facts: { count } }),
                },
              },
              json,
            )}---\n${s.description}`,
          );
          const first = pipeline(file, lib);
          if (!first) return;
          evaluated++;
          expect(pipeline(file, lib, false)?.rendered).toEqual(first.rendered);
        }),
        { numRuns: RUNS },
      );
      expect(evaluated).toBeGreaterThan(RUNS * 0.3);
    },
    TIMEOUT_MS,
  );
});

describe("formatters over arbitrary findings, built in memory", () => {
  const location = fc.record(
    {
      file: fc.oneof(
        fc.constantFrom("policy.md", "a/b.review.yaml", "../outside.yaml", "/abs/path.yaml"),
        anyText.map((s) => `dir/${s}.yaml`),
      ),
      line: fc.integer({ min: 1, max: 1_000_000 }),
      column: fc.integer({ min: 1, max: 10_000 }),
      endLine: fc.integer({ min: 1, max: 1_000_000 }),
      endColumn: fc.integer({ min: 1, max: 10_000 }),
    },
    { requiredKeys: ["file", "line", "column"] },
  );
  const finding: fc.Arbitrary<Finding> = fc.record(
    {
      ruleId: fc.constantFrom(...RULE_IDS),
      level: fc.constantFrom("error", "warning", "note"),
      message: anyText,
      draft: fc.constantFrom("policy.md", "other.md"),
      draftId: anyText,
      stakeholder: anyText,
      item: anyText,
      location,
    },
    { requiredKeys: ["ruleId", "level", "message", "draft", "location"] },
  ) as fc.Arbitrary<Finding>;
  const result: fc.Arbitrary<CheckResult> = fc.record({
    asOf: validDate,
    drafts: fc.array(
      fc.record(
        {
          file: fc.oneof(fc.constantFrom("policy.md", "other.md"), anyText),
          draftId: anyText,
          title: anyText,
          findings: fc.array(finding, { maxLength: 12 }),
        },
        { requiredKeys: ["file", "findings"] },
      ),
      { maxLength: 3 },
    ),
  });

  test(
    "every format stays valid and deterministic",
    () => {
      fc.assert(
        fc.property(result, (checkResult) => {
          const first = formatAll(checkResult);
          const reordered: CheckResult = {
            ...checkResult,
            drafts: checkResult.drafts.map((d) => ({ ...d, findings: [...d.findings].reverse() })),
          };
          // The same findings in another order give the same bytes (except json, which keeps order).
          const second = formatAll(reordered);
          for (const name of ["sarif", "junit", "github", "markdown", "stylish"]) {
            expect({ name, text: second[name] }).toEqual({ name, text: first[name] });
          }
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
            else expect(value).toBe(seen);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

describe("JUnit output, by the reference checker", () => {
  test("a sample of the generated JUnit files is well-formed and valid against JUnit.xsd (xmllint)", () => {
    // Collected by formatAll in the properties above (every 25th, and ones with character references).
    const dir = path.join(PROJECT, "junit-sample");
    mkdirSync(dir, { recursive: true });
    const files = junitSample.map((xml, index) => {
      const file = path.join(dir, `sample-${index}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    expect(files.length).toBeGreaterThan(10);
    const xsd = path.join(REPO_ROOT, "test", "fixtures", "peers", "JUnit.xsd");
    const run = spawnSync("xmllint", ["--noout", "--schema", xsd, ...files], { encoding: "utf8" });
    if (run.error) throw new Error(`xmllint is needed for the JUnit sample: ${run.error.message}`);
    expect(run.stderr.split("\n").filter((l) => !/ validates$/.test(l) && l !== "")).toEqual([]);
    expect(run.status).toBe(0);
  });
});
