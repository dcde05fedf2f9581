/**
 * What `preclear diff` compares: a signed (or any kept) version of the text,
 * found by stakeholder or by digest, against the text now. Problems come back
 * as values for the CLI to report.
 */
import path from "node:path";
import type { Evaluation } from "../evaluate/evaluate.js";
import { signedTextOf } from "../signing/digest-v2.js";
import type { Signoff } from "../types/review.js";
import { redline } from "./redline.js";
import type { Redline } from "./redline.js";
import { findSnapshots, readSnapshot, versionsDir } from "./snapshots.js";

export interface Comparison {
  draftId: string;
  from: { digest: string; label: string };
  to: { digest: string; label: string };
  redline: Redline;
}

export type CompareResult = { ok: true; comparison: Comparison } | { ok: false; problem: string };

export interface CompareOptions {
  stakeholder?: string;
  from?: string;
  /** How to show a file path in a message. */
  show?: (file: string) => string;
}

export function compareVersions(evaluation: Evaluation, options: CompareOptions): CompareResult {
  const show = options.show ?? ((f: string) => f);
  const draft = evaluation.draft;
  const fail = (problem: string): CompareResult => ({ ok: false, problem });
  if (draft.text === undefined) {
    return fail(
      `${draft.draft.document ?? "the document"} is digested by its bytes (${path.extname(draft.draft.document ?? "") || "not text"}), so preclear keeps no text of it to compare; only Markdown and .docx drafts have redlines`,
    );
  }
  const dir = show(versionsDir(draft.file));
  let digest: string;
  let label: string;
  if (options.from !== undefined) {
    if (!/^(?:sha256[:-])?[0-9a-fA-F]{8,64}$/.test(options.from)) {
      return fail(
        `--from ${options.from} is not a digest; give sha256:<hex>, or at least the first 8 hex digits`,
      );
    }
    const matches = findSnapshots(draft.file, options.from);
    if (matches.length === 0) {
      return fail(
        `no snapshot in ${dir} matches --from ${options.from}; give a digest (sha256:<hex>, or the first 8 or more hex digits) of a kept version`,
      );
    }
    if (matches.length > 1) {
      return fail(
        `--from ${options.from} matches ${matches.length} snapshots in ${dir}; give more digits`,
      );
    }
    digest = matches[0]!;
    label = `version ${digest.slice(0, 19)}…`;
  } else {
    const candidates: Array<{ id: string; signoff: Signoff }> = [];
    for (const [id, { record }] of evaluation.review.stakeholders) {
      if (options.stakeholder !== undefined && id !== options.stakeholder) continue;
      const last = record.signoffs?.at(-1);
      if (last) candidates.push({ id, signoff: last });
    }
    if (options.stakeholder !== undefined && candidates.length === 0) {
      const known = evaluation.stakeholders.some((s) => s.stakeholder.id === options.stakeholder);
      return fail(
        known
          ? `${options.stakeholder} has not signed off on ${draft.draft.id}; nothing to compare with`
          : `no stakeholder \`${options.stakeholder}\` in the checklists of ${draft.draft.id}`,
      );
    }
    const signed = candidates.filter((c) => signedTextOf(c.signoff) !== undefined);
    if (signed.length === 0) {
      return fail(
        candidates.length > 0
          ? `the sign-off${candidates.length === 1 ? "" : "s"} of ${candidates.map((c) => c.id).join(", ")} predate${candidates.length === 1 ? "s" : ""} snapshots (digest version 1) and record no text; give --from DIGEST of a kept version`
          : `no sign-off on ${draft.draft.id} yet; give --from DIGEST of a kept version`,
      );
    }
    // The latest sign-off (by date, then file order) when no stakeholder is named.
    const chosen = signed.reduce((a, b) => (b.signoff.date >= a.signoff.date ? b : a));
    digest = signedTextOf(chosen.signoff)!;
    label = `signed by ${chosen.signoff.name} (${chosen.id}) on ${chosen.signoff.date}`;
  }
  const snapshot = readSnapshot(draft.file, digest);
  switch (snapshot.state) {
    case "missing":
      return fail(
        `the snapshot of the text ${label} is missing (${show(snapshot.file)}); it was not committed, so what was signed cannot be shown`,
      );
    case "altered":
      return fail(
        `the snapshot ${show(snapshot.file)} was edited by hand: its content's digest is ${snapshot.actual}, not the one its name says; it is not what was signed and will not be shown`,
      );
    case "unreadable":
      return fail(`cannot read the snapshot ${show(snapshot.file)}: ${snapshot.problem}`);
    case "ok":
      return {
        ok: true,
        comparison: {
          draftId: draft.draft.id,
          from: { digest, label },
          to: { digest: draft.contentDigest, label: "the text now" },
          redline: redline(snapshot.text, draft.text),
        },
      };
  }
}
