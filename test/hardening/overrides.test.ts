/**
 * Class 7 of issue 17: a local checklist could silently cancel a built-in.
 * `checklists: [doj-significant-policy, ./relax.yaml]` with `appliesWhen:
 * "false"` on every office turned 21 errors into "no problems". Weakening
 * what another checklist defines for a stakeholder or item (applicability,
 * sign-off, role, severity, evidence) is now a validation error unless the
 * entry says why with `overrides: {reason}`; a declared override is a
 * `checklist-override` warning in every `check` and is listed in the report.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const BASE = `apiVersion: preclear/v1
kind: Checklist
id: base
title: Base
version: 1.0.0
stakeholders:
  - id: usms
    name: U.S. Marshals Service
    signoff: required
    items:
      - id: capacity
        question: Is there detention capacity?
        severity: blocker
        evidence: [contact, date]
`;

function project(relax: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "preclear-overrides-"));
  dirs.push(root);
  mkdirSync(path.join(root, ".git"));
  writeFileSync(path.join(root, "base.yaml"), BASE);
  writeFileSync(
    path.join(root, "relax.yaml"),
    `apiVersion: preclear/v1\nkind: Checklist\nid: relax\ntitle: Relax\nversion: 1.0.0\nstakeholders:\n${relax}`,
  );
  writeFileSync(
    path.join(root, "memo.md"),
    "---\npreclear:\n  id: memo\n  title: Memo\n  issuanceDate: 2018-04-06\n  checklists: [./base.yaml, ./relax.yaml]\n---\nText.\n",
  );
  return root;
}

async function check(root: string) {
  const result = await runCli(["--as-of", "2018-04-01", "check", "memo.md", "-f", "json"], {
    cwd: root,
  });
  const findings = (
    JSON.parse(result.stdout) as {
      drafts: Array<{ findings: Array<{ ruleId: string; level: string; message: string }> }>;
    }
  ).drafts.flatMap((d) => d.findings);
  return { code: result.code, findings };
}

describe("weakening another checklist's stakeholder or item", () => {
  test.each([
    ["appliesWhen on a stakeholder", '  - id: usms\n    appliesWhen: "false"\n', "appliesWhen"],
    ["a sign-off made optional", "  - id: usms\n    signoff: optional\n", "signoff"],
    [
      "a lower severity",
      "  - id: usms\n    items:\n      - id: capacity\n        severity: minor\n",
      "severity",
    ],
    [
      "evidence dropped",
      "  - id: usms\n    items:\n      - id: capacity\n        evidence: [contact]\n",
      "evidence",
    ],
    [
      "appliesWhen on an item",
      '  - id: usms\n    items:\n      - id: capacity\n        appliesWhen: "false"\n',
      "appliesWhen",
    ],
  ])(
    "%s, undeclared: a positioned validation error naming the field",
    async (_name, relax, field) => {
      const { code, findings } = await check(project(relax));
      expect(code).toBe(1);
      const errors = findings.filter((f) => f.ruleId === "invalid-file");
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toContain(`weakens \`${field}\``);
      expect(errors[0]!.message).toContain("as base defines it (base.yaml:");
      expect(errors[0]!.message).toContain("overrides: {reason: …}");
    },
  );

  test("declared with overrides and a reason: check warns, naming it; the report lists it", async () => {
    const root = project(
      '  - id: usms\n    appliesWhen: "false"\n    overrides:\n      reason: handled by the detention memo\n',
    );
    const { findings } = await check(root);
    expect(findings.filter((f) => f.ruleId === "invalid-file")).toEqual([]);
    const warnings = findings.filter((f) => f.ruleId === "checklist-override");
    expect(warnings).toEqual([
      expect.objectContaining({
        level: "warning",
        message:
          "checklist relax weakens `appliesWhen` of stakeholder `usms` as base defines it: handled by the detention memo",
      }),
    ]);
    const report = await runCli(["--as-of", "2018-04-01", "report", "memo.md", "-f", "markdown"], {
      cwd: root,
    });
    expect(report.stdout).toContain("checklist-override");
    expect(report.stdout).toContain("handled by the detention memo");
  });

  test("strengthening needs no declaration", async () => {
    const { findings } = await check(
      project(
        "  - id: usms\n    items:\n      - id: capacity\n        evidence: [contact, date, document]\n",
      ),
    );
    expect(
      findings.filter((f) => ["invalid-file", "checklist-override"].includes(f.ruleId)),
    ).toEqual([]);
  });
});
