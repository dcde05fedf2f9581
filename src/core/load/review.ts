/**
 * Reviews: one file, or a directory of fragments merged by stakeholder id
 * (SPEC section 3). Read-only here; src/review/ writes them.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PreclearError } from "../diagnostics.js";
import type { Diagnostic, Location } from "../diagnostics.js";
import { readTextFile } from "./files.js";
import { validateAgainst } from "./schemas.js";
import type { FactValue } from "../types/draft.js";
import type { HistoryEntry, Review, StakeholderRecord } from "../types/review.js";
import { DEFAULT_LIMITS, diagnosticAt, locate, parseYaml } from "./yaml.js";
import type { LoadLimits, LoadedYaml, PathSegment } from "./yaml.js";

export interface ReviewFragment {
  file: string;
  loaded: LoadedYaml;
  review: Review;
}

export interface LoadedReview {
  /** The review file or directory. */
  path: string;
  exists: boolean;
  directory: boolean;
  fragments: ReviewFragment[];
  facts: Map<string, { value: FactValue; fragment: ReviewFragment }>;
  stakeholders: Map<string, { record: StakeholderRecord; fragment: ReviewFragment }>;
  history: HistoryEntry[];
}

/** An empty review: what a draft with no review file is judged against. */
export function emptyReview(reviewPath: string): LoadedReview {
  return {
    path: reviewPath,
    exists: false,
    directory: false,
    fragments: [],
    facts: new Map(),
    stakeholders: new Map(),
    history: [],
  };
}

export function loadReview(
  reviewPath: string,
  draftId: string,
  limits: LoadLimits = DEFAULT_LIMITS,
): LoadedReview {
  let stat;
  try {
    stat = statSync(reviewPath);
  } catch {
    return emptyReview(reviewPath);
  }
  const files = stat.isDirectory()
    ? readdirSync(reviewPath)
        .filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith("."))
        .sort()
        .map((n) => path.join(reviewPath, n))
    : [reviewPath];
  const diagnostics: Diagnostic[] = [];
  const fragments: ReviewFragment[] = [];
  for (const file of files) {
    try {
      fragments.push(loadFragment(file, draftId, limits));
    } catch (error) {
      if (!(error instanceof PreclearError)) throw error;
      diagnostics.push(...error.diagnostics);
    }
  }
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "invalid-input");
  return mergeReviewFragments(reviewPath, stat.isDirectory(), fragments);
}

/**
 * Fragments merged by stakeholder id (SPEC section 3): a stakeholder belongs
 * in one fragment, and a fact answered in two must have one answer. Throws a
 * PreclearError ("invalid-input") with every conflict. The review store
 * (src/review/store.ts) merges through here too.
 */
export function mergeReviewFragments(
  reviewPath: string,
  directory: boolean,
  fragments: ReviewFragment[],
): LoadedReview {
  const diagnostics: Diagnostic[] = [];
  const review: LoadedReview = {
    path: reviewPath,
    exists: true,
    directory,
    fragments,
    facts: new Map(),
    stakeholders: new Map(),
    history: [],
  };
  for (const fragment of fragments) {
    for (const [name, value] of Object.entries(fragment.review.facts ?? {})) {
      const previous = review.facts.get(name);
      if (previous && JSON.stringify(previous.value) !== JSON.stringify(value)) {
        diagnostics.push(
          diagnosticAt(
            fragment.loaded,
            ["facts", name],
            `fact \`${name}\` is also answered differently in ${sibling(previous.fragment.file, fragment.file)}`,
            { key: true },
          ),
        );
      } else if (!previous) {
        review.facts.set(name, { value, fragment });
      }
    }
    for (const [id, record] of Object.entries(fragment.review.stakeholders ?? {})) {
      const previous = review.stakeholders.get(id);
      if (previous) {
        diagnostics.push(
          diagnosticAt(
            fragment.loaded,
            ["stakeholders", id],
            `stakeholder \`${id}\` is also recorded in ${sibling(previous.fragment.file, fragment.file)}; a stakeholder belongs in one fragment`,
            { key: true },
          ),
        );
        continue;
      }
      review.stakeholders.set(id, { record, fragment });
    }
    review.history.push(...(fragment.review.history ?? []));
  }
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "invalid-input");
  // Stable: entries with the same timestamp keep file order.
  review.history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return review;
}

/** `other` as seen from `file`'s directory: fragments are siblings, so their bare names. */
function sibling(other: string, file: string): string {
  return path.relative(path.dirname(file), other).split(path.sep).join("/");
}

function loadFragment(file: string, draftId: string, limits: LoadLimits): ReviewFragment {
  return parseReviewFragment(file, readTextFile(file, limits.maxBytes, "review"), draftId, limits);
}

/**
 * One review file — a whole review, or one fragment of a review directory —
 * parsed and checked: YAML, the review schema, the draft it is for, and
 * decisions that need comments. Throws a PreclearError ("invalid-input") with
 * every problem. The one parser of reviews: the review store (src/review/)
 * edits what this returns.
 */
export function parseReviewFragment(
  file: string,
  text: string,
  draftId: string,
  limits: LoadLimits = DEFAULT_LIMITS,
): ReviewFragment {
  const loaded = parseYaml(file, text, limits);
  const diagnostics = validateAgainst("review", loaded, loaded.value);
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "invalid-input");
  const review = loaded.value as Review;
  if (review.draft !== draftId) {
    diagnostics.push(
      diagnosticAt(
        loaded,
        ["draft"],
        `review is for draft \`${review.draft}\`, not \`${draftId}\``,
      ),
    );
  }
  for (const [id, record] of Object.entries(review.stakeholders ?? {})) {
    const decision = record.decision;
    if (decision && decision.status !== "concur" && !decision.comments?.trim()) {
      diagnostics.push(
        diagnosticAt(
          loaded,
          ["stakeholders", id, "decision"],
          `a ${decision.status} decision needs \`comments\``,
        ),
      );
    }
  }
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "invalid-input");
  return { file, loaded, review };
}

/** Where in the review a stakeholder's record (or a field of it) is, if anywhere. */
export function locateInReview(
  review: LoadedReview,
  stakeholder: string,
  rest: PathSegment[] = [],
): Location | undefined {
  const entry = review.stakeholders.get(stakeholder);
  if (!entry) return undefined;
  return locate(entry.fragment.loaded, ["stakeholders", stakeholder, ...rest]);
}
