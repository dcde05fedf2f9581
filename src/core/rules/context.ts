/** The context lint gives every rule: how to make a finding and where to point. */
import { isMap, isScalar, isSeq } from "yaml";
import type { Location } from "../diagnostics.js";
import type { Evaluation, StakeholderEvaluation } from "../evaluate/evaluate.js";
import type { LoadedYaml, PathSegment } from "../load/yaml.js";
import { locate } from "../load/yaml.js";
import type { Finding, Level, RuleId } from "./findings.js";
import type { LintOptions, RuleContext } from "./rule.js";
import { stateContext } from "./state.js";

export function ruleContext(evaluation: Evaluation, options: LintOptions): RuleContext {
  const { draft, review } = evaluation;
  const draftLocation = locate(draft.loaded, draft.base.length ? draft.base : [], {
    key: draft.base.length > 0,
  });
  const reviewRoot = (): Location => {
    const fragment = review.fragments[0];
    if (!fragment) return draftLocation;
    return locate(fragment.loaded, ["stakeholders"], { key: true });
  };
  const stakeholderLocation = (s: StakeholderEvaluation, rest: PathSegment[] = []): Location => {
    const id = s.stakeholder.id;
    const entry = review.stakeholders.get(id);
    const base: PathSegment[] = ["stakeholders", id];
    if (!entry) return missingAt(reviewRoot(), base.join("."));
    const { loaded } = entry.fragment;
    let n = rest.length;
    while (n > 0 && !hasPath(loaded, [...base, ...rest.slice(0, n)])) n--;
    // What is missing belongs under the deepest key that exists: point at that
    // key (`items:`, `usms:`), not at the first child of its value.
    if (n < rest.length) {
      return missingAt(
        locate(loaded, [...base, ...rest.slice(0, n)], { key: true }),
        [...base, ...rest.slice(0, n + 1)].join("."),
      );
    }
    return locate(loaded, [...base, ...rest]);
  };
  return {
    ...options,
    state: stateContext(evaluation, options.asOf),
    finding(ruleId, level, message, location, where = {}) {
      const { intern } = options;
      if (intern) {
        message = intern(message);
        if (location.missing !== undefined) location.missing = intern(location.missing);
      }
      return lintFinding(ruleId, level, message, draft.file, draft.draft.id, location, where);
    },
    stakeholderLocation,
    itemLocation(s, i, field) {
      const path: PathSegment[] = ["items", i.item.id];
      if (i.response && field) path.push(field);
      else if (i.response) path.push("status");
      return stakeholderLocation(s, path);
    },
  };
}

/**
 * A finding as lint makes it, built as one literal with just the fields that
 * apply: V8 then keeps every field inside the object. Adding the optional
 * ones afterwards put them in a second property store, one more allocation
 * for each of the 130,000 findings of a 1,000-draft run.
 */
function lintFinding(
  ruleId: RuleId,
  level: Level,
  message: string,
  draft: string,
  draftId: string | undefined,
  location: Location,
  { stakeholder, item }: { stakeholder?: string; item?: string },
): Finding {
  if (stakeholder && item)
    return { ruleId, level, message, draft, draftId, location, stakeholder, item };
  if (stakeholder) return { ruleId, level, message, draft, draftId, location, stakeholder };
  if (item) return { ruleId, level, message, draft, draftId, location, item };
  return { ruleId, level, message, draft, draftId, location };
}

/**
 * `location` with what is missing there, as one literal (see lintFinding): a
 * spread (`{ ...location, missing }`) gave each of a large run's 100,000 such
 * locations a V8 hidden class of its own, a quarter of the heap.
 */
function missingAt(location: Location, missing: string): Location {
  const { file, line, column, endLine, endColumn } = location;
  if (endLine === undefined || endColumn === undefined) return { file, line, column, missing };
  return { file, line, column, endLine, endColumn, missing };
}

/** Does the YAML document have a value at `path` (map keys compared as text)? */
export function hasPath(loaded: LoadedYaml, path: readonly PathSegment[]): boolean {
  let node: unknown = loaded.doc.contents;
  for (const segment of path) {
    if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      if (node === undefined) return false;
      continue;
    }
    if (!isMap(node)) return false;
    const pair = node.items.find(
      (p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment),
    );
    if (!pair) return false;
    node = pair.value;
  }
  return true;
}

/** Every applicable item of every applicable stakeholder, in coordination order. */
export function applicableItems(evaluation: Evaluation): readonly ApplicableItem[] {
  let out = APPLICABLE.get(evaluation);
  if (!out) {
    out = [];
    for (const s of evaluation.stakeholders) {
      if (s.applies !== true) continue;
      for (const i of s.items) if (i.applies === true) out.push({ s, i });
    }
    APPLICABLE.set(evaluation, out);
  }
  return out;
}

type ApplicableItem = { s: StakeholderEvaluation; i: StakeholderEvaluation["items"][number] };

/** Six rules walk the applicable items of each evaluation: listed once. */
const APPLICABLE = new WeakMap<Evaluation, ApplicableItem[]>();

/** The finding's subject: stakeholder and item ids. */
export function whereOf(
  s: StakeholderEvaluation,
  i?: StakeholderEvaluation["items"][number],
): { stakeholder: string; item?: string } {
  return i ? { stakeholder: s.stakeholder.id, item: i.item.id } : { stakeholder: s.stakeholder.id };
}

/**
 * Where a sign-off entry (or one of its fields) is in the review. The entry
 * exists (it was read from there), so this points straight at it.
 */
export function signoffLocation(
  evaluation: Evaluation,
  context: RuleContext,
  s: StakeholderEvaluation,
  index: number,
  field?: string,
): Location {
  const entry = evaluation.review.stakeholders.get(s.stakeholder.id);
  const rest: PathSegment[] = ["signoffs", index, ...(field ? [field] : [])];
  if (!entry) return context.stakeholderLocation(s, rest);
  return locate(entry.fragment.loaded, ["stakeholders", s.stakeholder.id, ...rest]);
}

/** "the sign-off by NAME on DATE for OFFICE (id)". */
export function signoffWho(
  s: StakeholderEvaluation,
  signoff: { name: string; date: string },
): string {
  return `the sign-off by ${signoff.name} on ${signoff.date} for ${s.stakeholder.name} (${s.stakeholder.id})`;
}
