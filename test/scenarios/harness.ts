/**
 * Scenario files: one YAML document holds the inputs, the command and what a
 * user sees (stdout, stderr, exit status, files written). See README.md here.
 *
 * This module loads a scenario, writes its files into a throw-away directory,
 * runs the CLI in-process there and returns every way the outcome differs
 * from what the scenario expects (an empty list: it passed).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import type { CliResult } from "../helpers/cli.js";
import { FIXTURES, tempDir } from "../helpers/fixtures.js";

/** What a stream or a written file must look like. */
export interface TextExpectation {
  /** Nothing at all was written. */
  empty?: boolean;
  /** Each of these appears somewhere. */
  contains?: string[];
  /** None of these appears anywhere. */
  notContains?: string[];
  /** Each regular expression matches somewhere (multiline). */
  matches?: string[];
  /** The text parses as JSON and matches this (see `matchJson`). */
  json?: unknown;
}

export interface FileExpectation extends TextExpectation {
  /** false: the file must not exist. Default: it must. */
  exists?: boolean;
}

/**
 * A finding as scenarios write it: any subset of these keys. `at` is
 * `file:line:col`; `message` is matched as a substring (wording is not part
 * of the contract, SPEC section 7); `stakeholder: null` means "none".
 */
export interface FindingPattern {
  ruleId?: string;
  level?: string;
  at?: string;
  stakeholder?: string | null;
  item?: string | null;
  message?: string;
  draft?: string;
  /** The text the location points at: the file's line from that column starts with this. */
  pointsAt?: string;
}

export interface Expectation {
  status: number;
  stdout?: TextExpectation;
  stderr?: TextExpectation;
  /**
   * Findings of a `--format json` run on stdout, every draft's together.
   * A list: exactly these (one each, in any order). An object: `include`
   * must each match a distinct finding, `exclude` must match none.
   */
  findings?: FindingPattern[] | { include?: FindingPattern[]; exclude?: FindingPattern[] };
  files?: Record<string, FileExpectation>;
}

export interface Scenario {
  description: string;
  /**
   * The scenario states the right behaviour but preclear does not have it
   * yet: say why. It runs as `test.failing`, so fixing the bug makes it fail
   * until this key is removed.
   */
  knownBug?: string;
  /** Relative path → content, or `{ fixture: <path under test/fixtures> }`. */
  files?: Record<string, string | { fixture: string }>;
  /** Working directory: relative to the scenario directory, or `${repo}`. */
  cwd?: string;
  command: string[];
  env?: Record<string, string>;
  expect: Expectation;
}

const SCENARIO_KEYS = ["description", "knownBug", "files", "cwd", "command", "env", "expect"];
const EXPECT_KEYS = ["status", "stdout", "stderr", "findings", "files"];
const TEXT_KEYS = ["empty", "contains", "notContains", "matches", "json"];
const FINDING_KEYS = [
  "ruleId",
  "level",
  "at",
  "stakeholder",
  "item",
  "message",
  "draft",
  "pointsAt",
];

/** Read and check a scenario file: an unknown key is a typo that would make a check vacuous. */
export function loadScenario(file: string): Scenario {
  const scenario = parse(readFileSync(file, "utf8")) as Scenario;
  const where = path.relative(REPO_ROOT, file);
  const unknown = (value: object, allowed: string[], what: string) => {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw new Error(`${where}: unknown key \`${key}\` in ${what}`);
    }
  };
  unknown(scenario, SCENARIO_KEYS, "the scenario");
  if (typeof scenario.description !== "string") throw new Error(`${where}: needs a description`);
  if (!Array.isArray(scenario.command)) throw new Error(`${where}: needs a command list`);
  unknown(scenario.expect, EXPECT_KEYS, "expect");
  if (typeof scenario.expect.status !== "number")
    throw new Error(`${where}: expect.status is required`);
  for (const stream of ["stdout", "stderr"] as const) {
    const text = scenario.expect[stream];
    if (text) unknown(text, TEXT_KEYS, `expect.${stream}`);
  }
  for (const [name, text] of Object.entries(scenario.expect.files ?? {})) {
    unknown(text, [...TEXT_KEYS, "exists"], `expect.files.${name}`);
  }
  const findings = scenario.expect.findings;
  const patterns = Array.isArray(findings)
    ? findings
    : findings
      ? (unknown(findings, ["include", "exclude"], "expect.findings"),
        [...(findings.include ?? []), ...(findings.exclude ?? [])])
      : [];
  for (const pattern of patterns) unknown(pattern, FINDING_KEYS, "a finding pattern");
  return scenario;
}

/** `${dir}` (the scenario's directory) and `${repo}` in every string. */
function substitute<T>(value: T, vars: Record<string, string>): T {
  if (typeof value === "string") {
    return value.replace(/\$\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole) as T;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [substitute(k, vars), substitute(v, vars)]),
    ) as T;
  }
  return value;
}

export interface ScenarioOutcome {
  result: CliResult;
  dir: string;
  problems: string[];
}

/** Run a scenario in a fresh directory and compare. */
export async function runScenario(raw: Scenario): Promise<ScenarioOutcome> {
  const { dir, remove } = tempDir();
  try {
    const scenario = substitute(raw, { dir, repo: REPO_ROOT });
    // A repository root, as in real use: config and project-root searches stop here.
    mkdirSync(path.join(dir, ".git"));
    for (const [name, content] of Object.entries(scenario.files ?? {})) {
      const target = path.join(dir, name);
      mkdirSync(path.dirname(target), { recursive: true });
      if (typeof content === "string") writeFileSync(target, content);
      else copyFileSync(path.join(FIXTURES, content.fixture), target);
    }
    const cwd = scenario.cwd ? path.resolve(dir, scenario.cwd) : dir;
    let result: CliResult;
    try {
      // YAML reads `0` as a number; argv is always text.
      const argv = scenario.command.map(String);
      result = await runCli(argv, { cwd, env: scenario.env ?? {} });
    } catch (error) {
      const shown = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return { result: { code: -1, stdout: "", stderr: "" }, dir, problems: [`crashed: ${shown}`] };
    }
    const problems = compare(scenario.expect, result, dir, cwd);
    return { result, dir, problems };
  } finally {
    remove();
  }
}

function compare(expect: Expectation, result: CliResult, dir: string, cwd: string): string[] {
  const problems: string[] = [];
  if (result.code !== expect.status) {
    problems.push(`exit status is ${result.code}, expected ${expect.status}`);
  }
  for (const line of [...result.stdout.split("\n"), ...result.stderr.split("\n")]) {
    if (/^\s+at .+:\d+:\d+\)?$/.test(line) || line.includes("node:internal")) {
      problems.push(`a stack trace was printed: ${line.trim()}`);
      break;
    }
  }
  if (expect.stdout) problems.push(...compareText("stdout", result.stdout, expect.stdout));
  if (expect.stderr) problems.push(...compareText("stderr", result.stderr, expect.stderr));
  if (expect.findings !== undefined) {
    problems.push(...compareFindings(result.stdout, expect.findings, cwd));
  }
  for (const [name, want] of Object.entries(expect.files ?? {})) {
    const file = path.resolve(dir, name);
    const exists = existsSync(file);
    if (want.exists === false) {
      if (exists) problems.push(`file ${name} exists but should not`);
      continue;
    }
    if (!exists) {
      problems.push(`file ${name} was not written`);
      continue;
    }
    problems.push(...compareText(`file ${name}`, readFileSync(file, "utf8"), want));
  }
  return problems;
}

function compareText(label: string, text: string, want: TextExpectation): string[] {
  const problems: string[] = [];
  if (want.empty === true && text !== "") problems.push(`${label} should be empty`);
  if (want.empty === false && text === "") problems.push(`${label} should not be empty`);
  for (const needle of want.contains ?? []) {
    if (!text.includes(needle)) problems.push(`${label} lacks ${JSON.stringify(needle)}`);
  }
  for (const needle of want.notContains ?? []) {
    if (text.includes(needle)) problems.push(`${label} has ${JSON.stringify(needle)}`);
  }
  for (const pattern of want.matches ?? []) {
    if (!new RegExp(pattern, "m").test(text)) problems.push(`${label} does not match /${pattern}/`);
  }
  if (want.json !== undefined) {
    let actual: unknown;
    try {
      actual = JSON.parse(text);
    } catch {
      return [...problems, `${label} is not JSON`];
    }
    problems.push(...matchJson(actual, want.json, label));
  }
  return problems;
}

/**
 * Subset matching, precise where it matters: every key of an expected object
 * must match (other actual keys are ignored); an expected array must have the
 * same length and match element by element; scalars must be equal. Operators,
 * as an object with one key:
 * - `{ $includes: [...] }` — each pattern matches a distinct element of an actual array;
 * - `{ $excludes: [...] }` — no element of an actual array matches any pattern;
 * - `{ $contains: "text" }` — an actual string contains the text;
 * - `{ $length: n }` — an actual array or string has this length;
 * - `{ $absent: true }` — the key is missing from the actual object.
 */
export function matchJson(actual: unknown, expected: unknown, at = "$"): string[] {
  if (isOperator(expected)) return matchOperator(actual, expected, at);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length) {
      return [`${at}: expected ${expected.length} elements, got ${actual.length}: ${show(actual)}`];
    }
    return expected.flatMap((e, i) => matchJson(actual[i], e, `${at}[${i}]`));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      return [`${at}: expected an object, got ${show(actual)}`];
    }
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).flatMap(([key, value]) => {
      if (isOperator(value) && "$absent" in value) {
        return key in record ? [`${at}.${key}: should be absent, is ${show(record[key])}`] : [];
      }
      if (!(key in record)) return [`${at}.${key}: missing`];
      return matchJson(record[key], value, `${at}.${key}`);
    });
  }
  return Object.is(actual, expected)
    ? []
    : [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

type Operator = { $includes: unknown[] } | { $excludes: unknown[] } | Record<string, unknown>;

function isOperator(value: unknown): value is Operator {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0]!.startsWith("$");
}

function matchOperator(actual: unknown, operator: Operator, at: string): string[] {
  const [name, argument] = Object.entries(operator)[0]!;
  switch (name) {
    case "$includes": {
      if (!Array.isArray(actual)) return [`${at}: expected an array, got ${show(actual)}`];
      const used = new Set<number>();
      return (argument as unknown[]).flatMap((pattern) => {
        const index = actual.findIndex(
          (element, i) => !used.has(i) && matchJson(element, pattern).length === 0,
        );
        if (index < 0) return [`${at}: no element matches ${show(pattern)}`];
        used.add(index);
        return [];
      });
    }
    case "$excludes": {
      if (!Array.isArray(actual)) return [`${at}: expected an array, got ${show(actual)}`];
      return (argument as unknown[]).flatMap((pattern) => {
        const hit = actual.find((element) => matchJson(element, pattern).length === 0);
        return hit === undefined ? [] : [`${at}: has ${show(hit)}, matching ${show(pattern)}`];
      });
    }
    case "$contains":
      return typeof actual === "string" && actual.includes(String(argument))
        ? []
        : [`${at}: expected a string containing ${show(argument)}, got ${show(actual)}`];
    case "$length": {
      const length =
        typeof actual === "string" || Array.isArray(actual) ? actual.length : undefined;
      return length === argument ? [] : [`${at}: expected length ${argument}, got ${length}`];
    }
    case "$absent":
      return [`${at}: $absent only makes sense as an object's key`];
    default:
      throw new Error(`${at}: unknown operator ${name}`);
  }
}

interface JsonFinding {
  ruleId: string;
  level: string;
  message: string;
  stakeholder: string | null;
  item: string | null;
  location: { file: string; line: number; column: number };
}

type ActualFinding = Required<Omit<FindingPattern, "pointsAt">>;

/** Every finding of a `--format json` report, flattened for matching. */
export function findingsOf(stdout: string): ActualFinding[] {
  const report = JSON.parse(stdout) as { drafts: Array<{ file: string; findings: JsonFinding[] }> };
  return report.drafts.flatMap((draft) =>
    draft.findings.map((f) => ({
      ruleId: f.ruleId,
      level: f.level,
      at: `${f.location.file}:${f.location.line}:${f.location.column}`,
      stakeholder: f.stakeholder,
      item: f.item,
      message: f.message,
      draft: draft.file,
    })),
  );
}

/** The text of `file:line:col` (relative to `cwd`) from that column to the end of the line. */
export function textAt(at: string, cwd: string): string | undefined {
  const parsed = /^(.*):(\d+):(\d+)$/.exec(at);
  if (!parsed) return undefined;
  const file = path.resolve(cwd, parsed[1]!);
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, "utf8").split(/\r?\n/)[Number(parsed[2]) - 1];
  return line?.slice(Number(parsed[3]) - 1);
}

export function findingMatches(
  finding: ActualFinding,
  pattern: FindingPattern,
  cwd: string,
): boolean {
  return Object.entries(pattern).every(([key, want]) => {
    if (key === "pointsAt") return textAt(finding.at, cwd)?.startsWith(String(want)) ?? false;
    const got = finding[key as keyof ActualFinding];
    if (key === "message") return typeof got === "string" && got.includes(String(want));
    return got === want;
  });
}

function compareFindings(
  stdout: string,
  want: NonNullable<Expectation["findings"]>,
  cwd: string,
): string[] {
  let findings: ActualFinding[];
  try {
    findings = findingsOf(stdout);
  } catch {
    return ["expect.findings needs a `--format json` report on stdout"];
  }
  const shown = (f: ActualFinding) =>
    `${f.at} ${f.level} ${f.ruleId} [${f.stakeholder ?? "-"}/${f.item ?? "-"}] ${f.message} ` +
    `(points at ${JSON.stringify(textAt(f.at, cwd))})`;
  const problems: string[] = [];
  const include = Array.isArray(want) ? want : (want.include ?? []);
  const used = new Set<number>();
  for (const pattern of include) {
    const index = findings.findIndex((f, i) => !used.has(i) && findingMatches(f, pattern, cwd));
    if (index < 0) problems.push(`no finding matches ${JSON.stringify(pattern)}`);
    else used.add(index);
  }
  if (Array.isArray(want)) {
    findings.forEach((f, i) => {
      if (!used.has(i)) problems.push(`unexpected finding: ${shown(f)}`);
    });
  } else {
    for (const pattern of want.exclude ?? []) {
      for (const f of findings.filter((x) => findingMatches(x, pattern, cwd))) {
        problems.push(`finding should not be reported: ${shown(f)}`);
      }
    }
  }
  if (problems.length > 0) {
    problems.push(`(all findings:\n  ${findings.map(shown).join("\n  ") || "none"})`);
  }
  return problems;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
