/** Report fixtures, built in-process from the files under test/fixtures/report. */
import { existsSync } from "node:fs";
import path from "node:path";
import { ChecklistLibrary } from "../../../src/core/load/checklist.js";
import { evaluate, loadBundle } from "../../../src/core/evaluate/evaluate.js";
import type { Evaluation } from "../../../src/core/evaluate/evaluate.js";
import type { Finding } from "../../../src/core/rules/findings.js";
import { lint } from "../../../src/core/rules/lint.js";
import { buildReport } from "../../../src/report/model.js";
import type { Report } from "../../../src/report/model.js";
import { REPO_ROOT } from "../../helpers/cli.js";
import { fixture } from "../../helpers/fixtures.js";

/** A chain of offices with every decision, sign-off and capacity state worth showing. */
export const SMALL = fixture("report", "small", "policy.md");
/** Hostile text in every field a report shows. */
export const HOSTILE = fixture("report", "hostile", "policy.md");
/** The repository's example; the small fixture stands in while it does not exist. */
export const EXAMPLE_FILE = path.join(REPO_ROOT, "examples", "zero-tolerance-2018.md");
export const EXAMPLE = existsSync(EXAMPLE_FILE) ? EXAMPLE_FILE : SMALL;
export const EXAMPLE_AS_OF = EXAMPLE === EXAMPLE_FILE ? "2018-04-06" : "2018-04-10";

export interface Built {
  evaluation: Evaluation;
  findings: Finding[];
  report: Report;
}

/** Evaluate, lint (no extra rules) and build the report of a draft. */
export function build(file: string, asOf: string, extraFindings: Finding[] = []): Built {
  const evaluation = evaluate(loadBundle(file, new ChecklistLibrary()));
  const findings = [...lint(evaluation, { asOf }), ...extraFindings];
  const report = buildReport(evaluation, findings, { asOf, cwd: REPO_ROOT, toolVersion: "1.2.3" });
  return { evaluation, findings, report };
}
