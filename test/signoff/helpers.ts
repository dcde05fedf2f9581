/**
 * A throw-away copy of test/fixtures/signoff/project — a draft with three
 * applicable stakeholders (usms, courts, hhs-orr) and one that does not apply
 * (ice) — plus keys made on the spot and ways to sign, check and tamper.
 */
import { createPrivateKey } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import { checkDraft } from "../../src/core/check.js";
import type { Finding } from "../../src/core/rules/findings.js";
import { signoffRules } from "../../src/core/signing/signoff.js";
import { loadTrustedKeys } from "../../src/core/signing/trust.js";
import { loadConfig } from "../../src/core/load/config.js";
import { runCli } from "../helpers/cli.js";
import type { CliResult } from "../helpers/cli.js";
import { fixture, tempDir } from "../helpers/fixtures.js";

export const STAKEHOLDERS = ["usms", "courts", "hhs-orr"] as const;

export interface Project {
  dir: string;
  draft: string;
  review: string;
  keys: string;
  remove: () => void;
}

export function newProject(): Project {
  const { dir, remove } = tempDir();
  cpSync(fixture("signoff", "project"), dir, { recursive: true });
  const keys = path.join(dir, "keys");
  mkdirSync(keys);
  return {
    dir,
    draft: path.join(dir, "memo.md"),
    review: path.join(dir, "memo.review.yaml"),
    keys,
    remove,
  };
}

/** The CLI in-process, in the project directory, as `jroe`. */
export function cli(project: Project, args: string[]): Promise<CliResult> {
  return runCli(args, { cwd: project.dir });
}

/**
 * `preclear keygen` into the project's keys/ (the trust list), then trust the
 * key for `stakeholders`, as the keygen output tells a user to do.
 */
export async function trustedKey(
  project: Project,
  id: string,
  stakeholders: string[],
): Promise<{ keyFile: string; result: CliResult }> {
  // The private key is kept out of the trust list (a .key file there is an error).
  const result = await cli(project, ["keygen", "--id", id, "-o", "private"]);
  if (result.code !== 0) throw new Error(`keygen failed: ${result.stderr}`);
  const pub = path.join(project.keys, `${id}.pub.yaml`);
  renameSync(path.join(project.dir, "private", `${id}.pub.yaml`), pub);
  const text = readFileSync(pub, "utf8");
  writeFileSync(
    pub,
    text.replace("stakeholders: []", `stakeholders: [${stakeholders.join(", ")}]`),
  );
  return { keyFile: path.join(project.dir, "private", `${id}.key`), result };
}

export function signoffArgs(stakeholder: string, extra: string[] = []): string[] {
  return [
    "signoff",
    "memo.md",
    "--stakeholder",
    stakeholder,
    "--name",
    `Official of ${stakeholder}`,
    "--title",
    "Director",
    "--decision",
    "concur",
    "--actor",
    "tester",
    "--as-of",
    "2018-03-28",
    ...extra,
  ];
}

/** Every applicable stakeholder signs off, each with its own trusted key. */
export async function signAll(project: Project): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (const id of STAKEHOLDERS) {
    const { keyFile } = await trustedKey(project, `${id}-key`, [id]);
    const result = await cli(project, signoffArgs(id, ["--key", keyFile]));
    if (result.code !== 0) throw new Error(`signoff ${id} failed: ${result.stderr}`);
    results.push(result);
  }
  return results;
}

/** Findings of the draft as `check` computes them (library, in-process). */
export function findings(project: Project): Finding[] {
  const library = new ChecklistLibrary();
  const result = checkDraft(project.draft, {
    asOf: "2018-04-01",
    library,
    extraRules: signoffRules(loadTrustedKeys(project.keys), {
      technicalAmendments: loadConfig(undefined, project.dir).technicalAmendments,
    }),
  });
  return result.findings;
}

/** Sign-off findings only: signoff-stale and signature-invalid. */
export function signoffFindings(project: Project): Finding[] {
  return findings(project).filter(
    (f) => f.ruleId === "signoff-stale" || f.ruleId === "signature-invalid",
  );
}

interface JsonFinding {
  ruleId: string;
  message: string;
  stakeholder: string | null;
  location: { file: string; line: number; column: number };
}

/** `check --format json`, run in the project directory. */
export async function checkJson(
  project: Project,
): Promise<{ code: number; findings: JsonFinding[] }> {
  const result = await cli(project, ["check", "--format", "json", "--as-of", "2018-04-01"]);
  if (result.code !== 0 && result.code !== 1) throw new Error(`check failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { drafts: Array<{ findings: JsonFinding[] }> };
  return { code: result.code, findings: report.drafts.flatMap((d) => d.findings) };
}

export function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit: ${String(from)} not found in ${file}`);
  writeFileSync(file, next);
}

/** The base64 body of a PEM file, and a few slices of it, any of which would betray it. */
function secretsOf(keyFile: string): string[] {
  const body = readFileSync(keyFile, "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("-----"))
    .join("");
  expect(body.length).toBeGreaterThan(40);
  const raw = createPrivateKey(readFileSync(keyFile)).export({ format: "jwk" }).d!;
  return [
    body,
    body.slice(0, 24),
    body.slice(-24),
    raw,
    Buffer.from(raw, "base64url").toString("base64"),
  ];
}

export function expectNoPrivateKey(result: CliResult, keyFile: string): void {
  for (const stream of [result.stdout, result.stderr]) {
    expect(stream).not.toContain("PRIVATE KEY");
    for (const secret of secretsOf(keyFile)) expect(stream).not.toContain(secret);
  }
}
