/**
 * SARIF 2.1.0 for code scanning: one run, every rule described in
 * `tool.driver.rules`, results with relative URIs against `%SRCROOT%`.
 */
import { jsonText } from "../core/terminal.js";
import { createHash } from "node:crypto";
import type { CheckResult, Finding } from "../core/rules/findings.js";
import { RULE_IDS } from "../core/rules/findings.js";
import { RULES } from "../core/rules/meta.js";
import { allFindings } from "./order.js";
import { artifactUri, directoryUri, shownPath } from "./paths.js";
import type { FormatOptions } from "./types.js";

const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI = "https://github.com/preclear/preclear";
/** Bump when the fingerprint recipe changes, so consumers do not match old with new. */
const FINGERPRINT_KEY = "preclearFinding/v1";

export function sarif(result: CheckResult, options: FormatOptions): string {
  const srcroot = directoryUri(options.cwd);
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
                shortDescription: { text: rule.shortDescription },
                fullDescription: { text: rule.fullDescription },
                helpUri: rule.helpUri,
                defaultConfiguration: { level: rule.defaultLevel },
              };
            }),
          },
        },
        ...(srcroot === undefined ? {} : { originalUriBaseIds: { "%SRCROOT%": { uri: srcroot } } }),
        columnKind: "utf16CodeUnits",
        properties: { asOf: result.asOf },
        results: results(result, options.cwd),
      },
    ],
  };
  return `${jsonText(log, null, 2)}\n`;
}

function results(result: CheckResult, cwd: string) {
  const occurrences = new Map<string, number>();
  return allFindings(result).map((finding) => {
    const key = fingerprintKey(finding, cwd);
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    return sarifResult(finding, cwd, `${key}:${occurrence}`);
  });
}

function sarifResult(finding: Finding, cwd: string, fingerprint: string) {
  const { location } = finding;
  return {
    ruleId: finding.ruleId,
    ruleIndex: RULE_IDS.indexOf(finding.ruleId),
    level: finding.level,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(location.file, cwd),
          ...(location.line >= 1 ? { region: region(finding) } : {}),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    properties: {
      draft: shownPath(finding.draft, cwd),
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
 * Identifies "the same problem" across runs even when lines move: a hash of
 * rule, draft (id, else path), stakeholder and item. Findings that share it
 * (two `invalid-file` errors in one draft) get the `:n` occurrence suffix that
 * GitHub's own line hashes use, numbered in output order.
 */
function fingerprintKey(finding: Finding, cwd: string): string {
  const draft = finding.draftId ?? shownPath(finding.draft, cwd);
  const parts = [finding.ruleId, draft, finding.stakeholder ?? "", finding.item ?? ""];
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}
