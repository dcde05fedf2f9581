/**
 * What the property files (test/hardening/properties*.test.ts; the overview
 * is in properties.test.ts) share: a project directory, the fixed checklist,
 * the checks every output must pass (formatAll, renderAll, pipeline), the
 * generators, and the JUnit sample that xmllint checks at the end of each
 * file. Jest gives every test file its own module registry, so each file gets
 * its own copy of all this — its own temporary directory, counters and sample.
 *
 * The checks here run on every case (10,000 per property in the slow
 * project), so they use assertSame/assertNoMatch below rather than jest's
 * `expect`, whose per-call cost (an error object with a stack, captured up
 * front) was about 15% of the run in a profile. A failing check throws;
 * fast-check then prints the message with the seed and the shrunk
 * counterexample.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import Ajv04Module from "ajv-draft-04";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { stringify } from "yaml";
import { ChecklistLibrary } from "../../../src/core/load/checklist.js";
import { PreclearError } from "../../../src/core/diagnostics.js";
import type { Diagnostic } from "../../../src/core/diagnostics.js";
import { evaluate, loadBundle } from "../../../src/core/evaluate/evaluate.js";
import type { CheckResult, Finding } from "../../../src/core/rules/findings.js";
import { RULE_IDS } from "../../../src/core/rules/findings.js";
import { lint } from "../../../src/core/rules/lint.js";
import { signoffRules } from "../../../src/core/signing/signoff.js";
import { FORMAT_NAMES, FORMATTERS } from "../../../src/formatters/index.js";
import { renderHtml } from "../../../src/report/html.js";
import { renderJson } from "../../../src/report/json.js";
import { renderMarkdown } from "../../../src/report/markdown.js";
import { buildReport } from "../../../src/report/model.js";
import { REPO_ROOT } from "../../helpers/cli.js";
import { OWN_ATTRIBUTES, OWN_ELEMENTS } from "../../report/helpers/dom.js";
import { startTags } from "./html.js";
import { xmlProblem } from "./xml.js";

/** Cases per property: 1,000 by default, 10,000 in the slow project (test/setup/slow.mjs). */
export const RUNS = Number(process.env.PRECLEAR_PROPERTY_RUNS ?? 1000);
export const AS_OF = "2018-04-01";
const TOOL_VERSION = "9.9.9";
/** Generous: 10,000 runs of the file-writing properties take minutes. */
export const TIMEOUT_MS = Math.max(120_000, RUNS * 200);

// ── assertions cheap enough for every case ────────────────────────────────

/** A value for a failure message: JSON (so control characters show), cut when long. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/** Where two values first differ: a key path, and both sides (near the first difference in a string). */
function difference(actual: unknown, expected: unknown, at: string): string {
  if (typeof actual === "string" && typeof expected === "string") {
    let i = 0;
    while (i < actual.length && actual[i] === expected[i]) i++;
    const from = Math.max(0, i - 40);
    return `${at} differs at character ${i}: expected ${shown(expected.slice(from, i + 80))}, found ${shown(actual.slice(from, i + 80))}`;
  }
  if (
    typeof actual === "object" &&
    typeof expected === "object" &&
    actual !== null &&
    expected !== null &&
    Array.isArray(actual) === Array.isArray(expected)
  ) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (!isDeepStrictEqual(a[key], e[key])) {
        return difference(a[key], e[key], `${at}[${JSON.stringify(key)}]`);
      }
    }
  }
  return `${at}: expected ${shown(expected)}, found ${shown(actual)}`;
}

/** Throw unless `actual` deep-equals `expected` (node:util isDeepStrictEqual, stricter than toEqual). */
export function assertSame(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) throw new Error(difference(actual, expected, what));
}

/** Throw if `pattern` matches `text`; the message shows the match in its context. */
function assertNoMatch(text: string, pattern: RegExp, what: string): void {
  const at = text.search(pattern);
  if (at >= 0) {
    throw new Error(`${what}: ${shown(text.slice(Math.max(0, at - 40), at + 40))} (at ${at})`);
  }
}

// ── shared set-up ─────────────────────────────────────────────────────────

// In memory where the machine offers it (tmpfs): thousands of small files are written.
export const PROJECT = mkdtempSync(
  path.join(existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), "preclear-properties-"),
);
mkdirSync(path.join(PROJECT, ".git"));
// Registered by the test file that imports this module (jest's globals), when it is loaded.
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
/** One library for the fixed checklist, shared by every case. */
export const library = new ChecklistLibrary();

const STAKEHOLDERS: Record<string, string[]> = {
  usms: ["detention", "transport"],
  courts: ["dockets"],
  orr: ["notice"],
  dhs: ["agreement"],
};

let counter = 0;
/** A fresh file name in the project, so no run sees another's files or cache. */
export function fresh(name: string): string {
  counter++;
  return path.join(PROJECT, name.replace("#", String(counter)));
}

// ── what every failure and output must look like ──────────────────────────

/** Call `fn`; a PreclearError is fine if every diagnostic is positioned; anything else fails. */
export function expectPositioned<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof PreclearError)) throw error;
    if (error.diagnostics.length === 0) {
      throw new Error(`a PreclearError without diagnostics: ${error.message}`, { cause: error });
    }
    for (const d of error.diagnostics) expectPositionedDiagnostic(d);
    return undefined;
  }
}

export function expectPositionedDiagnostic(d: Diagnostic): void {
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
const KNOWN_RULES = new Set<string>(RULE_IDS);

// Both packages are CommonJS whose module.exports also carries `.default`.
const Ajv04 = Ajv04Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: unknown) => void;

/** Compile a schema on first use (not every file that imports this module validates). */
function lazily(compile: () => ValidateFunction): () => ValidateFunction {
  let validate: ValidateFunction | undefined;
  return () => (validate ??= compile());
}

const sarifSchema = lazily(() => {
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
});

const reportSchema = lazily(() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(
    JSON.parse(
      readFileSync(path.join(REPO_ROOT, "schemas", "report.schema.json"), "utf8"),
    ) as object,
  );
});

interface SarifLog {
  runs?: Array<{ tool?: { driver?: { rules?: unknown } } }>;
}

/** `tool.driver.rules` of the first SARIF log validated, as JSON text. */
let sarifRules: string | undefined;

/**
 * Validate a SARIF log against the OASIS schema.
 *
 * Most of what that cost per case was the schema's `uniqueItems` on
 * `tool.driver.rules`: the 27 rule objects (one per rule id) compared pair by pair (fast-deep-equal)
 * every time. Those rules do not depend on the input — sarif.ts writes every
 * rule of RULE_IDS, with the same names, descriptions and help, into every
 * log — so the first log is validated whole, and each later one must carry
 * rules whose JSON text is identical to the first's and is validated as a
 * copy with `rules` emptied. Everything else in every log (results,
 * locations, fingerprints, properties, the driver's other fields) is still
 * validated against the schema every time.
 */
function checkSarif(text: string): void {
  const log = JSON.parse(text) as SarifLog;
  const rules = JSON.stringify(log.runs?.map?.((run) => run?.tool?.driver?.rules));
  let validated: unknown = log;
  if (sarifRules !== undefined) {
    assertSame(rules, sarifRules, "SARIF tool.driver.rules (the same in every log)");
    if (Array.isArray(log.runs) && log.runs.every((run) => run?.tool?.driver)) {
      validated = {
        ...log,
        runs: log.runs.map((run) => ({
          ...run,
          tool: { ...run.tool, driver: { ...run.tool!.driver, rules: [] } },
        })),
      };
    }
  }
  const validate = sarifSchema();
  if (!validate(validated)) {
    throw new Error(`SARIF invalid: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
  sarifRules ??= rules;
}

/** A sample of JUnit outputs for xmllint, checked once at the end of each file (checkJunitSample). */
const junitSample: string[] = [];
let formattedCount = 0;

/** Run every formatter; check each output is valid for its format. Returns them. */
export function formatAll(result: CheckResult): Record<string, string> {
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
  assertSame(
    json.drafts.flatMap((d) => d.findings.map((f) => f.message)).sort(),
    result.drafts.flatMap((d) => d.findings.map((f) => f.message)).sort(),
    "the JSON output's messages (sorted)",
  );

  checkSarif(outputs.sarif!);

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
    assertNoMatch(outputs[name]!, CONTROLS, `a control character in the ${name} output`);
    assertNoMatch(outputs[name]!, LONE_SURROGATE, `a lone surrogate in the ${name} output`);
  }
  assertNoMatch(
    outputs["stylish (colour)"]!.replace(SGR, ""),
    CONTROLS,
    "a control character other than preclear's colours in the stylish (colour) output",
  );

  // GitHub: one workflow command per line; nothing a message holds starts another.
  for (const line of outputs.github!.split("\n").slice(0, -1)) {
    if (!/^::(error|warning|notice)( [^:]*)?::/.test(line)) {
      throw new Error(`a GitHub output line that is not a workflow command: ${shown(line)}`);
    }
  }
  // Markdown: no HTML element but the line breaks it writes itself.
  assertNoMatch(outputs.markdown!, /<(?!br>)[A-Za-z!/?]/, "HTML in the markdown output");
  return outputs;
}

export function renderAll(report: ReturnType<typeof buildReport>): Record<string, string> {
  const outputs = {
    markdown: renderMarkdown(report),
    html: renderHtml(report),
    json: renderJson(report),
  };
  const json = JSON.parse(outputs.json) as unknown;
  const validate = reportSchema();
  if (!validate(json)) {
    throw new Error(`report JSON invalid: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
  const { tags, stray } = startTags(outputs.html);
  const foreign = tags.filter((e) => !OWN_ELEMENTS.has(e.name)).map((e) => e.name);
  const attributes = tags.flatMap((e) => e.attributes);
  const foreignAttributes = attributes.filter((a) => !OWN_ATTRIBUTES.has(a) || a.startsWith("on"));
  const strayText = stray.map((at) => outputs.html.slice(at, at + 40));
  assertSame(
    { foreign, foreignAttributes, strayText },
    { foreign: [], foreignAttributes: [], strayText: [] },
    "the HTML report's elements and attributes not its own, and stray tags",
  );
  // Raw tags, or a link (an unescaped `](`) to a script.
  assertNoMatch(
    outputs.markdown,
    /<x-injected|<script|<img|(?<!\\)\]\(javascript:/i,
    "markup or a script link in the markdown report",
  );
  assertNoMatch(outputs.html, CONTROLS, "a control character in the HTML report");
  assertNoMatch(outputs.markdown, CONTROLS, "a control character in the markdown report");
  return outputs;
}

/**
 * xmllint, the reference checker: the JUnit sample formatAll collected in
 * this file's properties (every 25th output, and the first ones with
 * character references) is well-formed and valid against JUnit.xsd. Call it
 * in a test after the properties that format.
 *
 * The sample must hold at least one file per 100 runs, and more than 10 from
 * 1,100 runs up. At 1,000 runs each file collects well over the 10 asked:
 * about 30 (drafts: ~500 formatted cases), 50 (checklists: ~800) and 60
 * (formatters: 2,000, the cap).
 */
export function checkJunitSample(): void {
  const dir = path.join(PROJECT, "junit-sample");
  mkdirSync(dir, { recursive: true });
  const files = junitSample.map((xml, index) => {
    const file = path.join(dir, `sample-${index}.xml`);
    writeFileSync(file, xml);
    return file;
  });
  expect(files.length).toBeGreaterThanOrEqual(Math.min(11, Math.floor(RUNS / 100)));
  if (files.length === 0) return; // Under 100 runs: nothing to hand xmllint.
  const xsd = path.join(REPO_ROOT, "test", "fixtures", "peers", "JUnit.xsd");
  const run = spawnSync("xmllint", ["--noout", "--schema", xsd, ...files], { encoding: "utf8" });
  if (run.error) throw new Error(`xmllint is needed for the JUnit sample: ${run.error.message}`);
  expect(run.stderr.split("\n").filter((l) => !/ validates$/.test(l) && l !== "")).toEqual([]);
  expect(run.status).toBe(0);
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
export const anyText = fc.oneof(
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
export const fileText = anyText.map((s) => s.replace(/[\u007f-\u009f\ufffe\uffff]/g, ""));
/** For fields the schemas require to be non-empty. */
export const someText = fileText.map((s) => (s === "" ? "-" : s));

/**
 * Mostly `valid`, now and then `junk`: with ~30 fields a case, about half the
 * cases are entirely valid (and reach the evaluator), the rest break somewhere.
 */
export function mostly<T>(
  valid: fc.Arbitrary<T>,
  junk: fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 40, arbitrary: valid }, { weight: 1, arbitrary: junk });
}

export const validDate = fc
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
export const factsArb = fc
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

export const documentLink = fc.oneof(
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

export const reviewArb = fc.record(
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

export const draftArb = fc.record(
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
export function yamlText(value: unknown, json: boolean): string {
  return json ? `${JSON.stringify(value)}\n` : stringify(value);
}

export interface Generated {
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
export function writeDraft({ draft, review, json }: Generated): string {
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
export function pipeline(
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
    if (!KNOWN_RULES.has(finding.ruleId)) {
      throw new Error(`a finding of an unknown rule: ${shown(finding.ruleId)}`);
    }
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
