/**
 * `preclear import <response…> [--draft D]`: bring offices' responses into
 * the review (SPEC section 14). Each response is validated (exit 2 with a
 * position), must answer the current version of the draft (else exit 1,
 * naming what changed, unless --accept-stale), and a signature must verify
 * with a key trusted for the office (else refused unless --force, and then
 * recorded as unverified). The answers are merged into the office's record
 * in one write, with history `via: import` and the respondent; answers
 * recorded later than the response are kept unless --force. A response with
 * a decision also records the respondent's sign-off, bound to the version
 * answered — so a stale answer gives a stale sign-off. Importing the same
 * response again changes nothing.
 */
import path from "node:path";
import { PreclearError } from "../../core/diagnostics.js";
import type { Evaluation } from "../../core/evaluate/evaluate.js";
import { discoverDrafts } from "../../core/load/discover.js";
import { loadDraft } from "../../core/load/draft.js";
import { displayPath } from "../../core/load/paths.js";
import { loadResponse } from "../../core/load/response.js";
import type { LoadedResponse } from "../../core/load/response.js";
import { diagnosticAt } from "../../core/load/yaml.js";
import { DigestError, signoffDigest } from "../../core/signing/digest.js";
import type { SignoffDigest } from "../../core/signing/digest.js";
import { checkResponseSignature } from "../../core/signing/response.js";
import type { ResponseSignatureCheck } from "../../core/signing/response.js";
import { loadTrustedKeysFor } from "../../core/signing/trust.js";
import type { Signoff } from "../../core/types/review.js";
import { importReason, planImport } from "../../packet/import.js";
import { fingerprint } from "../../packet/model.js";
import { policyText } from "../../core/load/policy-text.js";
import { describeSnapshotChanges, readSnapshot } from "../../core/versions/snapshots.js";
import { ReviewStore } from "../../review/store.js";
import { createContext, UsageError } from "../context.js";
import type { CommandContext, GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { say } from "./say.js";
import { loadEvaluation } from "./signoff.js";

export interface ImportFlags {
  draft?: string;
  acceptStale?: boolean;
  force?: boolean;
  actor?: string;
}

export async function importCommand(
  files: string[],
  flags: ImportFlags,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  // Every response is checked before any is imported: a typo in the third
  // must not leave the first two half-done.
  const responses = files.map((file) => {
    const absolute = path.resolve(io.cwd, file);
    return {
      file: absolute,
      shown: displayPath(absolute, io.cwd),
      ...loadResponse(absolute, displayPath(absolute, io.cwd), context.config.limits),
    };
  });
  const trust = loadTrustedKeysFor(context.config, io.cwd);
  let exitCode = 0;
  for (const response of responses) {
    const draftFile = flags.draft ?? findDraft(response, context);
    const code = await importOne(response, draftFile, flags, context, trust);
    exitCode = Math.max(exitCode, code);
  }
  return exitCode;
}

type Shown = LoadedResponse & { file: string; shown: string };

/** The draft whose id the response names, found under the working directory. */
function findDraft(response: Shown, context: CommandContext): string {
  const id = response.response.draft;
  const found = discoverDrafts(["."], context.io.cwd).filter((file) => {
    try {
      const draft = loadDraft(path.resolve(context.io.cwd, file), {
        limits: context.config.limits,
      });
      return draft.draft.id === id;
    } catch {
      return false; // A broken draft is not the one answered; check reports it.
    }
  });
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new PreclearError(
      diagnosticAt(
        response.loaded,
        ["draft"],
        `${found.length} drafts have the id \`${id}\` (${found.join(", ")}); name the one answered with --draft`,
      ),
      "unevaluable",
    );
  }
  throw new PreclearError(
    diagnosticAt(
      response.loaded,
      ["draft"],
      `no draft \`${id}\` found under the working directory; name it with --draft`,
    ),
    "unevaluable",
  );
}

async function importOne(
  response: Shown,
  draftFile: string,
  flags: ImportFlags,
  context: CommandContext,
  trust: ReturnType<typeof loadTrustedKeysFor>,
): Promise<number> {
  const { io } = context;
  const evaluation = loadEvaluation(draftFile, context);
  const { plan, problems } = planImport(evaluation, response, { force: flags.force ?? false });
  if (!plan) throw new PreclearError(problems, "unevaluable");
  const { response: answer, shown } = response;
  const current = evaluation.draft.contentDigest;
  const stale = answer.version !== current;
  if (stale && !flags.acceptStale) {
    say(
      io.stderr,
      `preclear: ${shown}: not imported: it answers version ${fingerprint(answer.version)} of ${answer.draft}, but the text is now ${fingerprint(current)}: ${whatChanged(evaluation, answer.version, context)}; send the office a new packet, or pass --accept-stale to import it (its sign-off will be stale)\n`,
    );
    return 1;
  }
  const signature = checkResponseSignature(answer, trust);
  if (signature.state === "untrusted" && !flags.force) {
    say(
      io.stderr,
      `preclear: ${shown}: not imported: its signature cannot be trusted: ${signature.problem}; pass --force to import it as unverified\n`,
    );
    return 1;
  }

  const store = await ReviewStore.open(evaluation.draft.reviewPath, {
    draftId: evaluation.draft.draft.id,
    create: true,
    ...(flags.actor ? { actor: flags.actor } : {}),
  });
  const reason = importReason(
    answer.respondent.date,
    [
      `from ${path.basename(response.file)}`,
      signatureNote(signature),
      stale
        ? `answers an earlier version (${fingerprint(answer.version)}), accepted with --accept-stale`
        : "",
    ]
      .filter(Boolean)
      .join("; "),
  );
  const context_ = { via: "import", respondent: plan.respondent, reason };
  const changes = await store.updateStakeholder(plan.stakeholder, plan.update, context_);

  let signed = false;
  if (plan.signs) {
    const after = loadEvaluation(draftFile, context);
    // Bound to the version answered: a stale answer gives a stale sign-off.
    // The sign-off digest (v1) binds `v1ContentDigest` (the document's bytes for a
    // .docx descriptor, the same as `contentDigest` for Markdown), so that is the
    // field to replace; replacing `contentDigest` alone signed the current text.
    const answered = {
      ...after,
      draft: {
        ...after.draft,
        contentDigest: answer.version,
        v1ContentDigest: stale ? answer.version : after.draft.v1ContentDigest,
      },
    };
    let digest: SignoffDigest;
    try {
      digest = signoffDigest(answered, plan.stakeholder);
    } catch (error) {
      if (!(error instanceof DigestError)) throw error;
      throw new UsageError(
        `${shown}: the answers were recorded, but no sign-off: ${error.message}`,
      );
    }
    const signoffs = after.stakeholders.find((s) => s.stakeholder.id === plan.stakeholder)?.record
      ?.signoffs;
    const last = signoffs?.at(-1);
    if (!(
      last &&
      last.digest === digest.digest &&
      last.name === answer.respondent.name &&
      last.date === answer.respondent.date
    )) {
      const signoff: Signoff = {
        name: answer.respondent.name,
        ...(answer.respondent.title ? { title: answer.respondent.title } : {}),
        ...(answer.respondent.level ? { level: answer.respondent.level } : {}),
        date: answer.respondent.date,
        digest: digest.digest,
        parts: digest.parts,
      };
      await store.addSignoff(plan.stakeholder, signoff, context_);
      signed = true;
    }
  }

  const review = displayPath(evaluation.draft.reviewPath, io.cwd);
  if (changes.length === 0 && !signed) {
    say(
      io.stdout,
      `${shown}: nothing to import: ${review} already records every answer of ${plan.respondent} (${answer.stakeholder}, ${answer.respondent.date})\n`,
    );
  } else {
    const counts = [
      count(changes.filter((c) => !c.item?.includes(":") && c.item !== "decision").length, "item"),
      count(changes.filter((c) => c.item?.startsWith("comment:")).length, "comment"),
      changes.some((c) => c.item === "decision") ? `decision ${answer.decision?.status}` : "",
      signed ? `sign-off${stale ? " (stale: an earlier version)" : ""}` : "",
    ].filter(Boolean);
    say(
      io.stdout,
      `Imported ${shown} into ${review}: ${answer.stakeholder}, answered by ${plan.respondent} on ${answer.respondent.date}: ${counts.join(", ")}; ${signatureNote(signature)}\n`,
    );
  }
  if (plan.kept.length > 0) {
    say(
      io.stdout,
      `Kept ${count(plan.kept.length, "answer")} recorded after this response (pass --force to overwrite):\n${plan.kept.map((k) => `  ${k}\n`).join("")}`,
    );
  }
  if (plan.ignored.length > 0) {
    say(
      io.stderr,
      `preclear: warning: ${shown}: ignored ${plan.ignored.join(", ")}: dispositions are the action office's to record\n`,
    );
  }
  if (signature.state === "untrusted") {
    say(
      io.stderr,
      `preclear: warning: ${shown}: imported with --force although its signature cannot be trusted (${signature.problem}); recorded as unverified\n`,
    );
  }
  return 0;
}

function count(n: number, word: string): string {
  return n === 0 ? "" : `${n} ${word}${n === 1 ? "" : "s"}`;
}

function signatureNote(check: ResponseSignatureCheck): string {
  switch (check.state) {
    case "verified":
      return `signature verified (key ${check.keyId})`;
    case "unsigned":
      return "unsigned";
    case "untrusted":
      return `signature unverified (${check.problem})`;
  }
}

/** What changed since the version answered, by section, when a snapshot of it is kept. */
function whatChanged(evaluation: Evaluation, version: string, context: CommandContext): string {
  const now = policyText(evaluation.draft, context.config.limits.maxBytes);
  const before = /^sha256:[0-9a-f]{64}$/.test(version)
    ? readSnapshot(evaluation.draft.file, version)
    : undefined;
  if (!before || before.state === "missing" || !now) {
    return "no snapshot of the version answered is kept, so only the digests can tell they differ";
  }
  return describeSnapshotChanges(before, now.text);
}
