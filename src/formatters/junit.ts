/**
 * JUnit XML for CI test reports, valid against the Apache Ant schema
 * (test/fixtures/peers/JUnit.xsd): one <testsuite> per draft, one <testcase> per
 * finding. Errors and warnings fail; notes pass and are listed in the suite's
 * <system-out>. Deterministic: no clock, no host name.
 */
import type { CheckResult, DraftResult, Finding } from "../core/rules/findings.js";
import { sortedDrafts, worstFirst } from "./order.js";
import { shownPath } from "./paths.js";
import { scopeOf } from "./text.js";
import type { FormatOptions } from "./types.js";
import { xmlAttribute, xmlChars, xmlText } from "./xml.js";

export function junit(result: CheckResult, options: FormatOptions): string {
  const timestamp = timestampOf(result.asOf);
  const suites = sortedDrafts(result, options.cwd, worstFirst).map((draft, index) =>
    testsuite(draft, index, timestamp, result.asOf, options),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<testsuites>",
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}

function testsuite(
  draft: DraftResult,
  index: number,
  timestamp: string,
  asOf: string,
  options: FormatOptions,
): string {
  const file = shownPath(draft.file, options.cwd);
  const name = nonEmptyToken(file, "draft");
  const classnameFallback = nonEmptyToken(draft.draftId ?? file, "draft");
  const failing = draft.findings.filter((f) => f.level !== "note");
  const notes = draft.findings.filter((f) => f.level === "note");

  const cases =
    draft.findings.length === 0
      ? [`    <testcase ${attrs({ name: "clearance", classname: classnameFallback, time: "0" })}/>`]
      : uniqueNames(draft.findings, options.cwd).map(({ finding, name }) =>
          testcase(finding, name, classnameFallback, options.cwd),
        );

  const properties = [
    ["draftId", draft.draftId],
    ["title", draft.title],
    ["asOf", asOf],
    ["preclearVersion", options.toolVersion],
  ]
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `      <property ${attrs({ name: key, value })}/>`);

  const systemOut = notes.map((f) => `${describe(f, options.cwd)}\n`).join("");

  const suiteAttributes = attrs({
    name,
    package: nonEmptyToken(draft.draftId ?? file, "draft"),
    id: String(index),
    hostname: "localhost",
    timestamp,
    tests: String(cases.length),
    failures: String(failing.length),
    errors: "0",
    skipped: "0",
    time: "0",
  });
  return [
    `  <testsuite ${suiteAttributes}>`,
    properties.length === 0
      ? "    <properties/>"
      : ["    <properties>", ...properties, "    </properties>"].join("\n"),
    ...cases,
    systemOut === "" ? "    <system-out/>" : `    <system-out>${xmlText(systemOut)}</system-out>`,
    "    <system-err/>",
    "  </testsuite>",
  ].join("\n");
}

/**
 * Test names unique within the suite (CI tools key results by classname and
 * name): `rule subject`, where the subject is the item, else the stakeholder,
 * else the position; names still shared (two missing facts at the draft's
 * `facts:` key) get ` #2`, ` #3`… in output order.
 */
function uniqueNames(findings: Finding[], cwd: string): { finding: Finding; name: string }[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const { location } = finding;
    const subject =
      finding.item ??
      finding.stakeholder ??
      `${shownPath(location.file, cwd)}:${location.line}:${location.column}`;
    const base = nonEmptyToken(`${finding.ruleId} ${subject}`, finding.ruleId);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { finding, name: count === 1 ? base : `${base} #${count}` };
  });
}

function testcase(finding: Finding, name: string, classnameFallback: string, cwd: string): string {
  const caseAttributes = attrs({
    name,
    classname: nonEmptyToken(finding.stakeholder ?? "", classnameFallback),
    time: "0",
  });
  if (finding.level === "note") return `    <testcase ${caseAttributes}/>`;
  const failure = attrs({ message: finding.message, type: finding.ruleId });
  return [
    `    <testcase ${caseAttributes}>`,
    `      <failure ${failure}>${xmlText(describe(finding, cwd))}</failure>`,
    "    </testcase>",
  ].join("\n");
}

/** The failure body: level, message and where to edit, as a CI log shows it. */
function describe(finding: Finding, cwd: string): string {
  const { location } = finding;
  const scope = scopeOf(finding);
  return [
    `${finding.level}: ${finding.message} (${finding.ruleId})`,
    `  at ${shownPath(location.file, cwd)}:${location.line}:${location.column}`,
    ...(scope === "" ? [] : [`  stakeholder/item: ${scope}`]),
  ].join("\n");
}

function attrs(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${xmlAttribute(value)}"`)
    .join(" ");
}

/** xs:token attributes with minLength 1 must keep something once whitespace collapses. */
function nonEmptyToken(value: string, fallback: string): string {
  return xmlChars(value).trim() === "" ? fallback : value;
}

/**
 * The asOf date at midnight (the schema's pattern allows no zone); the epoch when
 * asOf is not a date xs:dateTime accepts (it has no year 0000).
 */
function timestampOf(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf) && !asOf.startsWith("0000")) {
    const date = new Date(`${asOf}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(asOf)) {
      return `${asOf}T00:00:00`;
    }
  }
  return "1970-01-01T00:00:00";
}
