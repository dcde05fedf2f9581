/**
 * SARIF 2.1.0 for code scanning: one run, every rule described in
 * `tool.driver.rules` (with the `help`, `helpUri` and `name` GitHub's
 * ingestion asks for), results worst first (rank.ts) with URIs relative to
 * the repository root (`%SRCROOT%`), whatever directory preclear ran in.
 */
import { jsonText } from "../core/terminal.js";
import { createHash } from "node:crypto";
import type { CheckResult, Finding } from "../core/rules/findings.js";
import { RULE_IDS } from "../core/rules/findings.js";
import { RULES, type RuleMeta } from "../core/rules/meta.js";
import { allFindings } from "./order.js";
import { artifactUri, directoryUri, shownPath } from "./paths.js";
import type { FormatOptions } from "./types.js";

const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI = "https://github.com/preclear/preclear";
/** Bump when the fingerprint recipe changes, so consumers do not match old with new. */
const FINGERPRINT_KEY = "preclearFinding/v2";

/** `non-concurrence` → `NonConcurrence`: SARIF's end-user rule name. */
export function ruleName(id: string): string {
  return id
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** The rule's help as plain text and as Markdown (code scanning shows the Markdown). */
export function ruleHelp(rule: RuleMeta): { text: string; markdown: string } {
  return {
    text: `${rule.shortDescription}. ${rule.fullDescription} See ${rule.helpUri}`,
    markdown: `**${rule.shortDescription}.**\n\n${rule.fullDescription}\n\n[Rule documentation](${rule.helpUri})`,
  };
}

export function sarif(result: CheckResult, options: FormatOptions): string {
  const root = options.root ?? options.cwd;
  const srcroot = directoryUri(root);
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "preclear",
            version: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: RULE_IDS.map((id) => {
              const rule = RULES[id];
              return {
                id,
                name: ruleName(id),
                shortDescription: { text: rule.shortDescription },
                fullDescription: { text: rule.fullDescription },
                helpUri: rule.helpUri,
                help: ruleHelp(rule),
                defaultConfiguration: { level: rule.defaultLevel },
              };
            }),
          },
        },
        ...(srcroot === undefined ? {} : { originalUriBaseIds: { "%SRCROOT%": { uri: srcroot } } }),
        columnKind: "utf16CodeUnits",
        properties: { asOf: result.asOf },
        results: results(result, root),
      },
    ],
  };
  return `${jsonText(log, null, 2)}\n`;
}

function results(result: CheckResult, root: string) {
  const occurrences = new Map<string, number>();
  return allFindings(result).map((finding) => {
    const key = fingerprintKey(finding, root);
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    return sarifResult(finding, root, `${key}:${occurrence}`);
  });
}

function sarifResult(finding: Finding, root: string, fingerprint: string) {
  const { location } = finding;
  return {
    ruleId: finding.ruleId,
    ruleIndex: RULE_IDS.indexOf(finding.ruleId),
    level: finding.level,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(location.file, root),
          ...(location.line >= 1 ? { region: region(finding) } : {}),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    properties: {
      draft: shownPath(finding.draft, root),
      ...(finding.draftId === undefined ? {} : { draftId: finding.draftId }),
      ...(finding.stakeholder === undefined ? {} : { stakeholder: finding.stakeholder }),
      ...(finding.item === undefined ? {} : { item: finding.item }),
    },
  };
}

function region(finding: Finding) {
  const { line, column, endLine, endColumn } = finding.location;
  const end = endLine ?? (endColumn === undefined ? undefined : line);
  return {
    startLine: line,
    ...(column >= 1 ? { startColumn: column } : {}),
    ...(end !== undefined && end >= line ? { endLine: end } : {}),
    ...(end !== undefined && end >= line && endColumn !== undefined && endColumn >= 1
      ? { endColumn }
      : {}),
  };
}

/**
 * Identifies "the same problem" across runs even when lines move or other
 * findings come and go: a hash of rule, draft (id, else path), stakeholder and
 * item — and, for findings that name neither (a missing fact, an invalid
 * file), the file and message, which name the fact or the problem. Findings
 * that still share it get the `:n` occurrence suffix that GitHub's own line
 * hashes use, numbered in output order.
 */
function fingerprintKey(finding: Finding, root: string): string {
  const draft = finding.draftId ?? shownPath(finding.draft, root);
  const parts = [finding.ruleId, draft, finding.stakeholder ?? "", finding.item ?? ""];
  if (finding.stakeholder === undefined && finding.item === undefined) {
    parts.push(shownPath(finding.location.file, root), finding.message);
  }
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}
