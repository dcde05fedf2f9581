/**
 * Fragment ownership (issue 17, class 1): in a review directory each
 * fragment belongs to an office — CODEOWNERS gives each file its reviewers —
 * so a fragment may hold sign-offs only for the stakeholders it owns: the one
 * it is named after (`<stakeholder-id>.yaml`) and those `owners:` in
 * preclear.config.yaml gives it. A liaison writing another office's sign-off
 * into their own fragment is reported as `signature-invalid`: that sign-off
 * cannot be trusted, whatever its signature. See docs/codeowners.md.
 */
import path from "node:path";
import type { Evaluation } from "../evaluate/evaluate.js";
import { locate } from "../load/yaml.js";
import type { Finding } from "./findings.js";
import type { RuleContext } from "./rule.js";

/** Does the fragment `file` own `stakeholder`? */
export function fragmentOwns(
  file: string,
  stakeholder: string,
  owners: Readonly<Record<string, readonly string[]>>,
): boolean {
  const name = path.basename(file);
  if (name.replace(/\.ya?ml$/i, "") === stakeholder) return true;
  return (owners[name] ?? []).includes(stakeholder);
}

export function signoffOwnership(
  owners: Readonly<Record<string, readonly string[]>>,
): (evaluation: Evaluation, context: RuleContext) => Finding[] {
  return (evaluation, context) => {
    if (!evaluation.review.directory) return [];
    const findings: Finding[] = [];
    for (const [id, entry] of evaluation.review.stakeholders) {
      const signoffs = entry.record.signoffs ?? [];
      if (signoffs.length === 0 || fragmentOwns(entry.fragment.file, id, owners)) continue;
      const name = path.basename(entry.fragment.file);
      findings.push(
        context.finding(
          "signature-invalid",
          "error",
          `the sign-offs for \`${id}\` are in fragment ${name}, which does not own \`${id}\`; a fragment holds the sign-offs of the stakeholder it is named after (${id}.yaml) or those \`owners:\` in preclear.config.yaml gives it`,
          locate(entry.fragment.loaded, ["stakeholders", id, "signoffs"]),
          { stakeholder: id },
        ),
      );
    }
    return findings;
  };
}
