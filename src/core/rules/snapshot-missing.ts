/**
 * `snapshot-missing` (warning): a sign-off made with digest v2 names the text
 * it covered (`parts.text`), but `<draft>.versions/` holds no snapshot of
 * that text — or holds one edited by hand — so nobody can see what was
 * signed, nor what changed since.
 */
import type { Finding } from "./findings.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { locate } from "../load/yaml.js";
import { signedTextOf } from "../signing/digest-v2.js";
import { readSnapshot } from "../versions/snapshots.js";
import path from "node:path";

export const snapshotMissing: Rule = {
  meta: ruleMeta(
    "snapshot-missing",
    "warning",
    "The text a sign-off covered is not kept",
    "Each sign-off keeps the exact text it covered in `<draft>.versions/sha256-<hex>.txt`, so a later reader can see what was signed and `preclear diff` can show what changed since. The snapshot is missing (commit the `.versions` directory with the review) or was edited by hand (restore it from version control; it is not what was signed).",
  ),
  check(evaluation, context): Finding[] {
    const draft = evaluation.draft;
    if (draft.textFormat === "bytes") return [];
    const findings: Finding[] = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies === false) continue;
      const entry = evaluation.review.stakeholders.get(s.stakeholder.id);
      const signoffs = entry?.record.signoffs ?? [];
      const index = signoffs.length - 1;
      if (!entry || index < 0) continue;
      const digest = signedTextOf(signoffs[index]!);
      if (digest === undefined) continue;
      const snapshot = readSnapshot(draft.file, digest);
      if (snapshot.state === "ok") continue;
      const file = path.relative(path.dirname(draft.file), snapshot.file);
      const problem =
        snapshot.state === "missing"
          ? `its snapshot ${file} is missing, so nobody can see what was signed; commit the .versions directory with the review`
          : snapshot.state === "altered"
            ? `its snapshot ${file} was edited by hand (its content no longer matches its name), so it is not what was signed; restore it from version control`
            : `its snapshot ${file} cannot be read (${snapshot.problem})`;
      const signoff = signoffs[index]!;
      findings.push(
        context.finding(
          "snapshot-missing",
          snapshotMissing.meta.defaultLevel,
          `the sign-off by ${signoff.name} on ${signoff.date} for ${s.stakeholder.name} (${s.stakeholder.id}): ${problem}`,
          locate(entry.fragment.loaded, [
            "stakeholders",
            s.stakeholder.id,
            "signoffs",
            index,
            "parts",
            "text",
          ]),
          { stakeholder: s.stakeholder.id },
        ),
      );
    }
    return findings;
  },
};
