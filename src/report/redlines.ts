/**
 * The report's "What changed since sign-off" section: for each office whose
 * sign-off is stale because the text changed, or valid only through technical
 * amendments, the redline from the text it signed (its snapshot) to the text
 * now — collapsed in Markdown with <details>, and the amendments (reason, who,
 * when) beside it.
 */
import type { Evaluation } from "../core/evaluate/evaluate.js";
import type { Config } from "../core/load/config.js";
import { judgeSignoffs } from "../core/signing/signoff.js";
import type { StakeholderSignoffs } from "../core/signing/signoff.js";
import { loadTrustedKeysFor } from "../core/signing/trust.js";
import type { Amendment } from "../core/types/review.js";
import { describeRedline, redline } from "../core/versions/redline.js";
import type { Redline } from "../core/versions/redline.js";
import { readSnapshot } from "../core/versions/snapshots.js";
import { escapeHtml } from "./escape.js";
import { markdownInline } from "./escape.js";
import { redlineHtmlBody, redlineMarkdownBody } from "../formatters/redline.js";

/** Sections a renderer adds when given (kept outside the report model and its schema). */
export interface ReportExtras {
  redlines?: { markdown: string; html: string };
}

export interface OfficeRedline {
  id: string;
  name: string;
  /** "stale", or "amended" when technical amendments keep the sign-off valid. */
  state: "stale" | "amended";
  signedBy: string;
  signedOn: string;
  redline?: Redline;
  /** Why no redline can be shown (snapshot missing or edited by hand). */
  problem?: string;
  amendments: Amendment[];
}

/** The offices to show, from the sign-off judgement (judgeSignoffs). */
export function officeRedlines(
  evaluation: Evaluation,
  judged: readonly StakeholderSignoffs[],
): OfficeRedline[] {
  const draft = evaluation.draft;
  if (draft.text === undefined) return [];
  const out: OfficeRedline[] = [];
  for (const j of judged) {
    const last = j.signoffs.at(-1);
    if (!last || last.digestVersion !== 2 || !last.signedText) continue;
    if (last.signedText === draft.contentDigest) continue;
    const amended = last.current && last.amended !== undefined;
    if (!amended && (last.current || !last.changed?.includes("text"))) continue;
    const entry: OfficeRedline = {
      id: j.stakeholder.stakeholder.id,
      name: j.stakeholder.stakeholder.name,
      state: amended ? "amended" : "stale",
      signedBy: last.signoff.name,
      signedOn: last.signoff.date,
      amendments: last.amended?.amendments ?? [],
    };
    const snapshot = readSnapshot(draft.file, last.signedText);
    if (snapshot.state === "ok") entry.redline = redline(snapshot.text, draft.text);
    else
      entry.problem =
        snapshot.state === "altered"
          ? "the snapshot of the signed text was edited by hand; it is not what was signed and is not shown"
          : snapshot.state === "missing"
            ? "the snapshot of the signed text is missing, so what changed cannot be shown"
            : `the snapshot of the signed text cannot be read (${snapshot.problem})`;
    out.push(entry);
  }
  return out;
}

function headline(o: OfficeRedline): string {
  const what = o.redline ? describeRedline(o.redline) : (o.problem ?? "");
  const n = o.amendments.length;
  const state =
    o.state === "stale"
      ? "stale"
      : `valid, with ${n} technical amendment${n === 1 ? "" : "s"} since`;
  return `${o.name} (${o.id}), signed by ${o.signedBy} on ${o.signedOn}: ${state} — ${what}`;
}

function amendmentLine(a: Amendment): string {
  return `technical amendment by ${a.by} at ${a.at}: ${a.reason}${a.keyId ? ` (signed with key ${a.keyId})` : ""}`;
}

export function redlinesMarkdown(offices: readonly OfficeRedline[]): string {
  if (offices.length === 0) return "";
  const out = ["## What changed since sign-off", ""];
  for (const o of offices) {
    out.push("<details>", `<summary>${escapeHtml(headline(o))}</summary>`, "");
    for (const a of o.amendments) out.push(`- ${markdownInline(amendmentLine(a))}`);
    if (o.amendments.length) out.push("");
    if (o.redline) out.push(redlineMarkdownBody(o.redline, 4).trimEnd());
    else out.push(markdownInline(o.problem ?? ""));
    out.push("", "</details>", "");
  }
  return out.join("\n").trimEnd();
}

export function redlinesHtml(offices: readonly OfficeRedline[]): string {
  if (offices.length === 0) return "";
  const out = [`<section class="redlines">`, `<h2>What changed since sign-off</h2>`];
  for (const o of offices) {
    out.push(`<details open>`, `<summary>${escapeHtml(headline(o))}</summary>`);
    if (o.amendments.length) {
      out.push(
        `<ul>${o.amendments.map((a) => `<li>${escapeHtml(amendmentLine(a))}</li>`).join("")}</ul>`,
      );
    }
    out.push(
      o.redline ? redlineHtmlBody(o.redline, 3).trimEnd() : `<p>${escapeHtml(o.problem ?? "")}</p>`,
    );
    out.push(`</details>`);
  }
  out.push(`</section>`);
  return out.join("\n");
}

/**
 * The report's redline section for a draft of a project (what `preclear
 * report` and the library's renderReport both add).
 */
export function redlineExtras(
  evaluation: Evaluation,
  project: { config: Config; cwd: string },
): ReportExtras {
  const offices = officeRedlines(
    evaluation,
    judgeSignoffs(evaluation, loadTrustedKeysFor(project.config, project.cwd), {
      technicalAmendments: project.config.technicalAmendments,
    }),
  );
  return { redlines: { markdown: redlinesMarkdown(offices), html: redlinesHtml(offices) } };
}
