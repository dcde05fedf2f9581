/**
 * Machine-readable output for scripts: drafts in path order, findings in
 * reading order, every optional field present (as null) so the shape is fixed.
 */
import { jsonText } from "../core/terminal.js";
import type { CheckResult, Finding } from "../core/rules/findings.js";
import { countByLevel } from "../core/rules/findings.js";
import { allFindings, sortedDrafts } from "./order.js";
import { shownPath } from "./paths.js";
import type { FormatOptions } from "./types.js";

export function json(result: CheckResult, options: FormatOptions): string {
  const counts = countByLevel(allFindings(result));
  const report = {
    version: options.toolVersion,
    asOf: result.asOf,
    drafts: sortedDrafts(result, options.cwd).map((draft) => ({
      file: shownPath(draft.file, options.cwd),
      draftId: draft.draftId ?? null,
      title: draft.title ?? null,
      findings: draft.findings.map((f) => findingJson(f, options.cwd)),
    })),
    summary: { error: counts.error, warning: counts.warning, note: counts.note },
  };
  return `${jsonText(report, null, 2)}\n`;
}

function findingJson(finding: Finding, cwd: string) {
  const { location } = finding;
  return {
    ruleId: finding.ruleId,
    level: finding.level,
    message: finding.message,
    stakeholder: finding.stakeholder ?? null,
    item: finding.item ?? null,
    location: {
      file: shownPath(location.file, cwd),
      line: location.line,
      column: location.column,
      endLine: location.endLine ?? null,
      endColumn: location.endColumn ?? null,
    },
  };
}
