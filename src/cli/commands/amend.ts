/**
 * `preclear amend <draft> --technical --reason TEXT [--key FILE]`: record that
 * the text changed in a way that needs no re-clearance (a typo, formatting, a
 * citation), from the version last signed or amended to the text now. With
 * `technicalAmendments: allowed` in the config, sign-offs on the earlier
 * version stay valid; otherwise every change needs re-clearance anyway.
 */
import { displayPath } from "../../core/load/paths.js";
import { signedTextOf } from "../../core/signing/digest-v2.js";
import { loadTrustedKeysFor } from "../../core/signing/trust.js";
import { reviewAmendments, signAmendment } from "../../core/versions/amendments.js";
import type { Amendment } from "../../core/types/review.js";
import type { Evaluation } from "../../core/evaluate/evaluate.js";
import { describeRedline, redline } from "../../core/versions/redline.js";
import { readSnapshot } from "../../core/versions/snapshots.js";
import { ReviewStore } from "../../review/store.js";
import { createContext, UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { checkSnapshotTarget, keepSnapshot } from "../snapshots.js";
import { loadEvaluation, loadSigner } from "./signoff.js";

export interface AmendFlags {
  technical?: boolean;
  reason?: string;
  key?: string;
  actor?: string;
}

export async function amendCommand(
  file: string,
  flags: AmendFlags,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  if (!flags.technical) {
    throw new UsageError(
      "only technical amendments are recorded (no change of substance); pass --technical, or have the offices re-clear the change",
    );
  }
  const reason = flags.reason?.trim();
  if (!reason) throw new UsageError("--reason must say why the change is technical");
  const trust = loadTrustedKeysFor(context.config, io.cwd);
  const signer = flags.key ? loadSigner(flags.key, trust, io) : undefined;

  const evaluation = loadEvaluation(file, context);
  const to = evaluation.draft.contentDigest;
  const from = previousVersion(evaluation);
  if (from === to) {
    throw new UsageError(
      `the text has not changed since ${from.slice(0, 19)}…; there is nothing to amend`,
    );
  }
  const store = await ReviewStore.open(evaluation.draft.reviewPath, {
    draftId: evaluation.draft.draft.id,
    ...(flags.actor ? { actor: flags.actor } : {}),
  });
  const amendment: Amendment = {
    from,
    to,
    kind: "technical",
    reason,
    by: store.actor,
    at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  if (signer) {
    amendment.keyId = signer.keyId;
    amendment.signature = signAmendment(amendment, signer.key);
  }
  checkSnapshotTarget(evaluation.draft);
  await store.addAmendment(amendment);
  const snapshot = await keepSnapshot(evaluation.draft, (m) =>
    io.stderr.write(`preclear: warning: ${m}\n`),
  );

  const before = readSnapshot(evaluation.draft.file, from);
  const changes =
    before.state === "ok" && evaluation.draft.text !== undefined
      ? describeRedline(redline(before.text, evaluation.draft.text))
      : undefined;
  io.stdout.write(
    `Recorded a technical amendment of ${evaluation.draft.draft.id}: ${reason}\n` +
      `  from ${from}\n  to   ${to}${changes ? `\n  ${changes}` : ""}\n` +
      `  recorded in ${displayPath(evaluation.draft.reviewPath, io.cwd)}` +
      `${snapshot ? `; text kept in ${displayPath(snapshot, io.cwd)}` : ""}\n`,
  );
  io.stdout.write(
    context.config.technicalAmendments
      ? "Sign-offs on the earlier version stay valid (technicalAmendments: allowed).\n"
      : "Sign-offs on the earlier version are still stale: set technicalAmendments: allowed in preclear.config.yaml to keep them valid across technical amendments.\n",
  );
  return 0;
}

/**
 * The version this amendment starts from: the last amendment's `to`, else the
 * text of the most recent sign-off (by date, then file order).
 */
function previousVersion(evaluation: Evaluation): string {
  const last = reviewAmendments(evaluation.review).at(-1);
  if (last) return last.to;
  let best: { date: string; text: string } | undefined;
  for (const { record } of evaluation.review.stakeholders.values()) {
    for (const signoff of record.signoffs ?? []) {
      const text = signedTextOf(signoff);
      if (text && (!best || signoff.date >= best.date)) best = { date: signoff.date, text };
    }
  }
  if (!best) {
    throw new UsageError(
      `nothing to amend: no sign-off on ${evaluation.draft.draft.id} records the text it signed (digest version 2)`,
    );
  }
  return best.text;
}
