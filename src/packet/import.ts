/**
 * Bringing a response in (SPEC section 14): check that it answers this
 * draft, an office of it and that office's items, and work out what to write
 * — never overwriting an answer recorded later than the response unless
 * forced. Pure: the review and the response in, a plan out.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import type { Evaluation } from "../core/evaluate/evaluate.js";
import type { LoadedResponse } from "../core/load/response.js";
import { closest } from "../core/load/schemas.js";
import { diagnosticAt } from "../core/load/yaml.js";
import type { Comment, Decision, HistoryEntry, ItemResponse } from "../core/types/review.js";
import type { StakeholderUpdate } from "../review/store.js";

export interface ImportPlan {
  stakeholder: string;
  update: StakeholderUpdate;
  /** Answers recorded later than the response, left as they are (`usms/x (2018-04-03)`). */
  kept: string[];
  /** Fields the action office owns (a comment's disposition), ignored. */
  ignored: string[];
  /** `Name, Title`: who answered. */
  respondent: string;
  /** The response's decision stands in the review, so the respondent's sign-off is recorded. */
  signs: boolean;
}

/** Fields of a comment the commenting office writes; the rest is the action office's. */
const OFFICE_COMMENT_FIELDS = [
  "id",
  "type",
  "location",
  "text",
  "proposed",
  "by",
  "date",
  "resolution",
] as const;

export function planImport(
  evaluation: Evaluation,
  { loaded, response }: LoadedResponse,
  options: { force?: boolean } = {},
): { plan?: ImportPlan; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const draftId = evaluation.draft.draft.id;
  if (response.draft !== draftId) {
    problems.push(
      diagnosticAt(
        loaded,
        ["draft"],
        `this response is for draft \`${response.draft}\`, not \`${draftId}\``,
      ),
    );
    return { problems };
  }
  const s = evaluation.stakeholders.find((x) => x.stakeholder.id === response.stakeholder);
  if (!s) {
    const ids = evaluation.stakeholders.map((x) => x.stakeholder.id);
    const hint = closest(response.stakeholder, ids);
    problems.push(
      diagnosticAt(
        loaded,
        ["stakeholder"],
        `no stakeholder \`${response.stakeholder}\` in the checklists of ${draftId}${hint ? ` (did you mean \`${hint}\`?)` : ""}`,
      ),
    );
    return { problems };
  }
  if (s.applies === false) {
    problems.push(
      diagnosticAt(
        loaded,
        ["stakeholder"],
        `stakeholder \`${response.stakeholder}\` does not apply to ${draftId}`,
      ),
    );
    return { problems };
  }
  const itemIds = s.items.map((i) => i.item.id);
  for (const id of Object.keys(response.items ?? {})) {
    if (!itemIds.includes(id)) {
      const hint = closest(id, itemIds);
      problems.push(
        diagnosticAt(
          loaded,
          ["items", id],
          `${response.stakeholder} has no item \`${id}\`${hint ? ` (did you mean \`${hint}\`?)` : ""}`,
          { key: true },
        ),
      );
    }
  }
  if (problems.length > 0) return { problems };

  const { respondent } = response;
  const who = respondent.title ? `${respondent.name}, ${respondent.title}` : respondent.name;
  const record = s.record ?? {};
  const history = evaluation.review.history ?? [];
  const answered = respondent.date;
  const kept: string[] = [];
  const ignored: string[] = [];
  const update: StakeholderUpdate = {};
  /** Recorded later than the response: the latest of its history and its own date. */
  const later = (item: string, ownDate: string | undefined): string | undefined => {
    const dates = [
      ...lastChanges(history, response.stakeholder, item),
      ...(ownDate ? [ownDate] : []),
    ].sort();
    const latest = dates.at(-1);
    return latest !== undefined && latest > answered ? latest : undefined;
  };

  for (const [id, answer] of Object.entries(response.items ?? {})) {
    const recorded = record.items?.[id];
    if (recorded && sameFields(answer, recorded)) continue;
    // The template's `status: open`, left as it was: no answer yet.
    if (!recorded && answer.status === "open" && Object.keys(answer).length === 1) continue;
    const newer = recorded ? later(id, recorded.date) : undefined;
    if (newer && !options.force) {
      kept.push(`${response.stakeholder}/${id} (${recorded!.status}, recorded ${newer})`);
      continue;
    }
    (update.items ??= {})[id] = answer as Partial<ItemResponse>;
  }

  const comments: Comment[] = [];
  (response.comments ?? []).forEach((comment, index) => {
    const own: Record<string, unknown> = {};
    for (const field of OFFICE_COMMENT_FIELDS) {
      if (comment[field] !== undefined) own[field] = comment[field];
    }
    own.by ??= who;
    own.date ??= answered;
    for (const field of ["disposition", "response"] as const) {
      if (comment[field] !== undefined) ignored.push(`comments[${index}].${field}`);
    }
    const mine = own as unknown as Comment;
    const recorded = record.comments?.find((c) => c.id === comment.id);
    if (recorded && sameFields(mine, recorded)) return;
    const newer = recorded ? later(`comment:${comment.id}`, recorded.date) : undefined;
    if (newer && !options.force) {
      kept.push(`${response.stakeholder} comment ${comment.id} (recorded ${newer})`);
      return;
    }
    comments.push(mine);
  });
  if (comments.length > 0) update.comments = comments;

  let signs = response.decision !== undefined;
  if (response.decision) {
    const decision: Decision = {
      ...response.decision,
      by: response.decision.by ?? who,
      date: response.decision.date ?? answered,
    };
    const level = response.decision.level ?? respondent.level;
    if (level) decision.level = level;
    const recorded = record.decision;
    const newer = recorded ? later("decision", recorded.date) : undefined;
    if (recorded && sameFields(decision, recorded) && sameFields(recorded, decision)) {
      // already recorded
    } else if (newer && !options.force) {
      kept.push(`${response.stakeholder} decision (${recorded!.status}, recorded ${newer})`);
      signs = false;
    } else {
      update.decision = decision;
    }
  }
  return {
    plan: { stakeholder: response.stakeholder, update, kept, ignored, respondent: who, signs },
    problems,
  };
}

/** Every field of `given` is already so in `recorded`. */
function sameFields(given: object, recorded: object): boolean {
  return Object.entries(given).every(
    ([key, value]) =>
      JSON.stringify(value) === JSON.stringify((recorded as Record<string, unknown>)[key]),
  );
}

/** How an import's history entry says when the response was made. */
export function importReason(answered: string, detail: string): string {
  return `response of ${answered}${detail ? `; ${detail}` : ""}`;
}

/**
 * Dates (YYYY-MM-DD) of the answers this item of this stakeholder was given:
 * when the history entry was made, or for an imported answer the date of the
 * response it came from (it may be imported long after it was written).
 */
function lastChanges(history: HistoryEntry[], stakeholder: string, item: string): string[] {
  return history
    .filter((h) => h.stakeholder === stakeholder && h.item === item)
    .map((h) => {
      const imported =
        h.via === "import" ? /^response of (\d{4}-\d{2}-\d{2})/.exec(h.reason ?? "") : null;
      return imported ? imported[1]! : h.at.slice(0, 10);
    });
}
