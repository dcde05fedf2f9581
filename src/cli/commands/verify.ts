/**
 * `preclear verify`: recompute every sign-off's digest and verify its
 * signature against the trusted keys. Exit 1 when a sign-off is stale or a
 * signature cannot be trusted; a missing sign-off is `check`'s business.
 */
import { jsonText, terminalLines } from "../../core/terminal.js";
import { Chalk } from "chalk";
import type { ChalkInstance } from "chalk";
import { displayPath } from "../../core/load/paths.js";
import { judgeSignoffs } from "../../core/signing/signoff.js";
import type { StakeholderSignoffs } from "../../core/signing/signoff.js";
import type { SignoffState } from "../../core/rules/state.js";
import { loadTrustedKeysFor } from "../../core/signing/trust.js";
import { createContext } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { loadEvaluation } from "./signoff.js";

export async function verifyCommand(
  file: string,
  options: { format?: "text" | "json" },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const trust = loadTrustedKeysFor(context.config, io.cwd);
  const evaluation = loadEvaluation(file, context);
  const judged = judgeSignoffs(evaluation, trust, {
    technicalAmendments: context.config.technicalAmendments,
  }).map((j) =>
    // An unsigned sign-off is not "valid" where signatures are required (signature-required).
    context.config.requireSignatures && j.state === "valid"
      ? {
          ...j,
          state: "invalid" as const,
          detail: `signed off by ${j.signoffs.at(-1)!.signoff.name} without a signature, and this project requires signatures (requireSignatures)`,
        }
      : j,
  );
  const failed = judged.filter((j) => j.state === "stale" || j.state === "invalid");
  const report: VerifyReport = {
    draft: {
      id: evaluation.draft.draft.id,
      file: displayPath(evaluation.draft.file, io.cwd),
      contentDigest: evaluation.draft.contentDigest,
      textFormat: evaluation.draft.textFormat,
    },
    trustedKeys: trust
      ? { source: displayPath(trust.source, io.cwd), keys: trust.keys.size }
      : null,
    ok: failed.length === 0,
    stakeholders: judged.map(toJson),
  };
  if (options.format === "json") {
    io.stdout.write(`${jsonText(report, null, 2)}\n`);
  } else {
    // Names, titles and details from the review as one printable line each.
    io.stdout.write(
      renderVerify(terminalLines(report), new Chalk({ level: context.color ? 1 : 0 })),
    );
  }
  return failed.length > 0 ? 1 : 0;
}

export interface VerifyReport {
  draft: {
    id: string;
    file: string;
    contentDigest: string;
    /** markdown, docx (the document's text) or bytes (another format, digested as bytes). */
    textFormat: "markdown" | "docx" | "bytes";
  };
  trustedKeys: { source: string; keys: number } | null;
  /** No sign-off is stale and every signature can be trusted. */
  ok: boolean;
  stakeholders: Array<{
    id: string;
    name: string;
    state: VerifyState;
    detail: string;
    /** The digest a sign-off must carry now. */
    expectedDigest: string | null;
    signoffs: Array<{
      name: string;
      title: string | null;
      date: string;
      digest: string;
      current: boolean;
      changed: string[] | null;
      staleReason: string | null;
      /** Digest version of the sign-off (docs/digest.md). */
      digestVersion: 1 | 2;
      /** Per section, what changed in the text since the sign-off (from its snapshot). */
      textChanges: string | null;
      /** Technical amendments since the sign-off that keep it valid. */
      technicalAmendments: number;
      signature: { keyId: string | null; ok: boolean; problem: string | null } | null;
    }>;
  }>;
}

function toJson(j: StakeholderSignoffs): VerifyReport["stakeholders"][number] {
  return {
    id: j.stakeholder.stakeholder.id,
    name: j.stakeholder.stakeholder.name,
    state: VERIFY_STATE[j.state],
    detail: j.detail,
    expectedDigest: j.expected?.digest ?? null,
    signoffs: j.signoffs.map((s) => ({
      name: s.signoff.name,
      title: s.signoff.title ?? null,
      date: s.signoff.date,
      digest: s.signoff.digest,
      current: s.current,
      changed: s.changed ?? null,
      staleReason: s.staleReason ?? null,
      digestVersion: s.digestVersion,
      textChanges: s.textChanges ?? null,
      technicalAmendments: s.amended?.count ?? 0,
      signature: s.signature
        ? {
            keyId: s.signature.keyId ?? null,
            ok: s.signature.ok,
            problem: s.signature.problem ?? null,
          }
        : null,
    })),
  };
}

const TEXT_FORMATS: Record<VerifyReport["draft"]["textFormat"], string> = {
  markdown: "the Markdown body",
  docx: "the text of the Word document, not its bytes",
  bytes: "the document's bytes: not a format preclear reads as text, so no redlines",
};

/**
 * verify's own words for the sign-off states (its JSON contract predates the
 * shared state module): an optional office with no sign-off is "missing" here
 * too, and a verified signature is "verified".
 */
type VerifyState = "valid" | "stale" | "missing" | "verified" | "invalid";
const VERIFY_STATE: Record<SignoffState, VerifyState> = {
  "signature-verified": "verified",
  valid: "valid",
  stale: "stale",
  invalid: "invalid",
  missing: "missing",
  "not-required": "missing",
};

const LABELS: Record<VerifyState, string> = {
  verified: "signature verified",
  valid: "valid",
  missing: "unsigned",
  stale: "stale",
  invalid: "invalid",
};

export function renderVerify(report: VerifyReport, chalk: ChalkInstance): string {
  const out: string[] = [];
  out.push(chalk.bold(report.draft.id) + chalk.dim(` (${report.draft.file})`));
  out.push(
    chalk.dim(`content ${report.draft.contentDigest} (${TEXT_FORMATS[report.draft.textFormat]})`),
  );
  out.push(
    chalk.dim(
      report.trustedKeys
        ? `trusted keys: ${report.trustedKeys.source} (${report.trustedKeys.keys} key${report.trustedKeys.keys === 1 ? "" : "s"})`
        : "trusted keys: none configured",
    ),
  );
  out.push("");
  const width = Math.max(0, ...report.stakeholders.map((s) => s.id.length));
  const labelWidth = Math.max(...Object.values(LABELS).map((l) => l.length));
  for (const s of report.stakeholders) {
    const colour =
      s.state === "verified" || s.state === "valid"
        ? chalk.green
        : s.state === "missing"
          ? chalk.yellow
          : chalk.red;
    const mark =
      s.state === "verified" || s.state === "valid" ? "✓" : s.state === "missing" ? "–" : "✗";
    out.push(
      `  ${colour(mark)} ${s.id.padEnd(width)}  ${colour(LABELS[s.state].padEnd(labelWidth))}  ${s.detail}`,
    );
  }
  if (report.stakeholders.length === 0) out.push("  no stakeholder applies");
  const failed = report.stakeholders.filter((s) => s.state === "stale" || s.state === "invalid");
  out.push("");
  out.push(
    failed.length === 0
      ? chalk.green("Every sign-off is current and every signature can be trusted.")
      : chalk.red(
          `${failed.length} stakeholder${failed.length === 1 ? "'s sign-off is" : "s' sign-offs are"} stale or cannot be trusted: ${failed.map((s) => s.id).join(", ")}`,
        ),
  );
  return `${out.join("\n")}\n`;
}
