/**
 * Technical amendments (SPEC section 13): `amendments: [{ from, to, kind:
 * technical, reason, by, at, signature }]` in the review record text changes
 * that need no re-clearance when the config says `technicalAmendments:
 * allowed`. A sign-off on `from` then stays valid for `to`, and through a
 * chain of amendments for the text now.
 */
import type { LoadedReview } from "../load/review.js";

export interface Amendment {
  from: string;
  to: string;
  kind: string;
  reason: string;
  by: string;
  at: string;
  keyId?: string;
  signature?: string;
}

/** Every amendment in the review (all fragments), in file order. */
export function reviewAmendments(review: LoadedReview): Amendment[] {
  return review.fragments.flatMap(
    (f) => ((f.review as { amendments?: Amendment[] }).amendments ?? []) as Amendment[],
  );
}

/**
 * The texts the current one was reached from by technical amendments, nearest
 * first: `{ from, count }` where `count` amendments lead from `from` to `current`.
 */
export function amendmentChain(
  amendments: readonly Amendment[],
  current: string,
): Array<{ from: string; count: number; amendments: Amendment[] }> {
  const out: Array<{ from: string; count: number; amendments: Amendment[] }> = [];
  const seen = new Set([current]);
  const path: Amendment[] = [];
  let text = current;
  for (;;) {
    const step = amendments.findLast((a) => a.kind === "technical" && a.to === text);
    if (!step || seen.has(step.from)) break;
    seen.add(step.from);
    path.unshift(step);
    out.push({ from: step.from, count: path.length, amendments: [...path] });
    text = step.from;
  }
  return out;
}
