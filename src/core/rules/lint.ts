/**
 * The rules of SPEC section 7 over an evaluated draft. One function per rule;
 * grep a ruleId to find where it is produced.
 */
import { isMap, isScalar } from "yaml";
import type { Origin } from "../load/checklist.js";
import type { Location } from "../diagnostics.js";
import type { Evaluation, ItemEvaluation, StakeholderEvaluation } from "../evaluate/evaluate.js";
import { DONE_STATUSES } from "../evaluate/evaluate.js";
import { formatFactValue } from "../evaluate/facts.js";
import type { Finding, Level, RuleId } from "./findings.js";
import { compareByPosition } from "./findings.js";
import { formatNumber } from "../numbers.js";
import type { FactValue } from "../types/draft.js";
import type { LoadedYaml, PathSegment } from "../load/yaml.js";
import { locate } from "../load/yaml.js";
import { didYouMean } from "../load/schemas.js";

export interface LintOptions {
  /** The date deadlines are judged against (YYYY-MM-DD). */
  asOf: string;
}

/** A sign-off rule supplied by the sign-off module (signoff-stale, signature-invalid). */
export type ExtraRule = (evaluation: Evaluation, context: RuleContext) => Finding[];

export interface RuleContext extends LintOptions {
  finding(
    ruleId: RuleId,
    level: Level,
    message: string,
    location: Location,
    where?: { stakeholder?: string; item?: string },
  ): Finding;
  /** Where to point for a stakeholder (and optionally a path inside its record). */
  stakeholderLocation(s: StakeholderEvaluation, rest?: PathSegment[]): Location;
  itemLocation(s: StakeholderEvaluation, i: ItemEvaluation, field?: string): Location;
}

export function lint(
  evaluation: Evaluation,
  options: LintOptions,
  extraRules: ExtraRule[] = [],
): Finding[] {
  const context = ruleContext(evaluation, options);
  const findings = [
    ...factMissing(evaluation, context),
    ...expressionErrors(evaluation, context),
    ...itemRules(evaluation, context),
    ...stakeholderRules(evaluation, context),
    ...dependencyOrder(evaluation, context),
    ...orphanResponses(evaluation, context),
    ...extraRules.flatMap((rule) => rule(evaluation, context)),
  ];
  return findings.sort(compareByPosition);
}

function ruleContext(evaluation: Evaluation, options: LintOptions): RuleContext {
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
    if (!entry) return reviewRoot();
    const base: PathSegment[] = ["stakeholders", id];
    const { loaded } = entry.fragment;
    let n = rest.length;
    while (n > 0 && !hasPath(loaded, [...base, ...rest.slice(0, n)])) n--;
    // What is missing belongs under the deepest key that exists: point at that
    // key (`items:`, `usms:`), not at the first child of its value.
    if (n < rest.length) return locate(loaded, [...base, ...rest.slice(0, n)], { key: true });
    return locate(loaded, [...base, ...rest]);
  };
  return {
    ...options,
    finding(ruleId, level, message, location, where = {}) {
      const finding: Finding = {
        ruleId,
        level,
        message,
        draft: draft.file,
        draftId: draft.draft.id,
        location,
      };
      if (where.stakeholder) finding.stakeholder = where.stakeholder;
      if (where.item) finding.item = where.item;
      return finding;
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

/** Does the YAML document have a value at `path` (map keys compared as text)? */
function hasPath(loaded: LoadedYaml, path: readonly PathSegment[]): boolean {
  let node: unknown = loaded.doc.contents;
  for (const segment of path) {
    if (!isMap(node)) return false;
    const pair = node.items.find(
      (p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment),
    );
    if (!pair) return false;
    node = pair.value;
  }
  return true;
}

function factMissing(evaluation: Evaluation, context: RuleContext): Finding[] {
  const needers = new Map<string, string[]>();
  const note = (names: string[], who: string) => {
    for (const name of names) needers.set(name, [...(needers.get(name) ?? []), who]);
  };
  for (const s of evaluation.stakeholders) {
    note(s.condition.missing, `${s.stakeholder.id} (appliesWhen)`);
    for (const i of s.items) {
      note(i.condition.missing, `${s.stakeholder.id}/${i.item.id} (appliesWhen)`);
      if (i.demand) note(i.demand.missing, `${s.stakeholder.id}/${i.item.id} (capacity demand)`);
    }
  }
  const { draft } = evaluation;
  // The draft's `facts:` key, or its `preclear:` block when it has none yet.
  const factsPath = [...draft.base, "facts"];
  const at = hasPath(draft.loaded, factsPath)
    ? locate(draft.loaded, factsPath, { key: true })
    : locate(draft.loaded, draft.base, { key: draft.base.length > 0 });
  return [...needers].map(([name, who]) => {
    const fact = evaluation.checklist.facts.get(name)?.fact;
    const shown =
      who.length > 3 ? `${who.slice(0, 3).join(", ")} and ${who.length - 3} more` : who.join(", ");
    return context.finding(
      "fact-missing",
      "error",
      `fact \`${name}\` has no value but decides ${shown}; answer it in the draft's or the review's facts${fact ? ` ("${fact.question}")` : ""}`,
      at,
    );
  });
}

/**
 * A condition or demand that fails at run time (division by zero…) decides
 * nothing; without a finding the stakeholder or item would silently drop out
 * of the gate. Reported as invalid-file at the checklist expression.
 */
function expressionErrors(evaluation: Evaluation, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const report = (
    what: string,
    outcome: { error?: string; reads: Array<{ name: string; value: unknown }> },
    origin: Origin | undefined,
    fallback: Origin,
    where: { stakeholder?: string; item?: string },
  ) => {
    if (!outcome.error) return;
    const reads = outcome.reads
      .map((r) => `${r.name} = ${formatFactValue(r.value as FactValue | undefined)}`)
      .join(", ");
    const at = origin ?? fallback;
    findings.push(
      context.finding(
        "invalid-file",
        "error",
        `${what} cannot be evaluated${reads ? ` with ${reads}` : ""}: ${outcome.error}; fix the expression or the facts`,
        locate(at.loaded, at.path),
        where,
      ),
    );
  };
  for (const s of evaluation.stakeholders) {
    const stakeholder = s.stakeholder.id;
    report(
      `appliesWhen of ${stakeholder}`,
      s.condition,
      s.stakeholder.fieldOrigins.appliesWhen,
      s.stakeholder.origin,
      { stakeholder },
    );
    for (const i of s.items) {
      const where = { stakeholder, item: i.item.id };
      const label = `${stakeholder}/${i.item.id}`;
      report(
        `appliesWhen of ${label}`,
        i.condition,
        i.item.fieldOrigins.appliesWhen,
        i.item.origin,
        where,
      );
      if (i.demand) {
        const capacity = i.item.fieldOrigins.capacity;
        report(
          `capacity demand of ${label}`,
          i.demand,
          capacity && { loaded: capacity.loaded, path: [...capacity.path, "demand"] },
          i.item.origin,
          where,
        );
      }
    }
  }
  return findings;
}

function itemRules(evaluation: Evaluation, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const s of evaluation.stakeholders) {
    if (s.applies !== true) continue;
    for (const i of s.items) {
      if (i.applies !== true) continue;
      const where = { stakeholder: s.stakeholder.id, item: i.item.id };
      const label = `${s.stakeholder.id}/${i.item.id}`;
      const status = i.response?.status ?? "open";
      const r = i.response;

      if (!DONE_STATUSES.has(status)) {
        const level: Level =
          i.item.severity === "blocker"
            ? "error"
            : i.item.severity === "major"
              ? "warning"
              : "note";
        findings.push(
          context.finding(
            "item-open",
            level,
            `${i.item.severity} item ${label} is ${status}: ${i.item.question}`,
            context.itemLocation(s, i),
            where,
          ),
        );
        if (i.dueDate && i.dueDate < context.asOf) {
          findings.push(
            context.finding(
              "overdue",
              "warning",
              `${label} was due ${i.dueDate} (${i.item.due} before issuance) and is still ${status}`,
              context.itemLocation(s, i),
              where,
            ),
          );
        }
      }

      if (r && status === "satisfied") {
        const missing = i.item.evidence.filter((field) => {
          const value = (r as unknown as Record<string, unknown>)[field];
          return (
            value === undefined ||
            value === null ||
            (typeof value === "string" && value.trim() === "")
          );
        });
        if (missing.length > 0) {
          findings.push(
            context.finding(
              "evidence-missing",
              "error",
              `${label} is satisfied but lacks ${missing.map((m) => `\`${m}\``).join(", ")}, which this item requires as evidence`,
              context.itemLocation(s, i),
              where,
            ),
          );
        }
      }
      if (r && status === "not-applicable" && !r.justification?.trim()) {
        findings.push(
          context.finding(
            "justification-missing",
            "error",
            `${label} is marked not-applicable without a \`justification\``,
            context.itemLocation(s, i),
            where,
          ),
        );
      }
      if (r && status === "risk-accepted" && (!r.acceptedBy?.trim() || !r.rationale?.trim())) {
        const lacking = [
          !r.acceptedBy?.trim() && "`acceptedBy`",
          !r.rationale?.trim() && "`rationale`",
        ].filter(Boolean);
        findings.push(
          context.finding(
            "justification-missing",
            "error",
            `${label} is risk-accepted without ${lacking.join(" and ")}`,
            context.itemLocation(s, i),
            where,
          ),
        );
      }
      findings.push(...capacityShortfall(s, i, status, context));
    }
  }
  return findings;
}

function capacityShortfall(
  s: StakeholderEvaluation,
  i: ItemEvaluation,
  status: string,
  context: RuleContext,
): Finding[] {
  if (!i.demand || i.demand.value === undefined) return [];
  if (status === "not-applicable" || status === "risk-accepted") return [];
  const capacity = i.response?.capacity;
  const unit = i.item.capacity?.unit ? ` ${i.item.capacity.unit}` : "";
  const label = `${s.stakeholder.id}/${i.item.id}`;
  const where = { stakeholder: s.stakeholder.id, item: i.item.id };
  const reads = i.demand.reads.map((r) => `${r.name} = ${formatFactValue(r.value)}`).join(", ");
  const demand = `${formatNumber(i.demand.value)}${unit}${reads ? ` (${i.demand.expression} with ${reads})` : ""}`;
  if (capacity === undefined) {
    if (status !== "satisfied") return [];
    return [
      context.finding(
        "capacity-shortfall",
        "error",
        `${label} is satisfied but records no confirmed capacity against a demand of ${demand}`,
        context.itemLocation(s, i),
        where,
      ),
    ];
  }
  if (capacity >= i.demand.value) return [];
  return [
    context.finding(
      "capacity-shortfall",
      "error",
      `${label}: confirmed capacity ${formatNumber(capacity)}${unit} is below the demand of ${demand}; short by ${formatNumber(i.demand.value - capacity)}`,
      context.itemLocation(s, i, "capacity"),
      where,
    ),
  ];
}

function stakeholderRules(evaluation: Evaluation, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const s of evaluation.stakeholders) {
    if (s.applies !== true) continue;
    const id = s.stakeholder.id;
    const decision = s.record?.decision;
    if (!decision) {
      findings.push(
        context.finding(
          "decision-missing",
          "error",
          `${s.stakeholder.name} (${id}) has not recorded a decision (concur, concur-with-comments or non-concur)`,
          context.stakeholderLocation(s, ["decision"]),
          { stakeholder: id },
        ),
      );
    } else if (decision.status === "non-concur") {
      findings.push(
        context.finding(
          "non-concurrence",
          "error",
          `${s.stakeholder.name} (${id}) non-concurs${decision.comments ? `: ${decision.comments.trim().split(/\r?\n/)[0]}` : ""}`,
          context.stakeholderLocation(s, ["decision", "status"]),
          { stakeholder: id },
        ),
      );
    }
    if (s.stakeholder.signoff === "required" && (s.record?.signoffs ?? []).length === 0) {
      findings.push(
        context.finding(
          "signoff-missing",
          "error",
          `${s.stakeholder.name} (${id}) requires a sign-off and has none`,
          context.stakeholderLocation(s, ["signoffs"]),
          { stakeholder: id },
        ),
      );
    }
  }
  return findings;
}

function dependencyOrder(evaluation: Evaluation, context: RuleContext): Finding[] {
  const byId = new Map(evaluation.stakeholders.map((s) => [s.stakeholder.id, s]));
  const findings: Finding[] = [];
  for (const s of evaluation.stakeholders) {
    const decision = s.record?.decision;
    if (s.applies !== true || !decision) continue;
    for (const depId of s.stakeholder.dependsOn) {
      const dep = byId.get(depId);
      if (!dep || dep.applies !== true) continue;
      const depDecision = dep.record?.decision;
      let problem: string | undefined;
      if (!depDecision) problem = `before ${depId}, which it depends on, has decided`;
      else if (decision.date && depDecision.date && decision.date < depDecision.date) {
        problem = `on ${decision.date}, before ${depId} (which it depends on) decided on ${depDecision.date}`;
      }
      if (problem) {
        findings.push(
          context.finding(
            "dependency-order",
            "warning",
            `${s.stakeholder.id} decided ${problem}; coordinate in dependsOn order`,
            context.stakeholderLocation(s, ["decision", "date"]),
            { stakeholder: s.stakeholder.id },
          ),
        );
      }
    }
  }
  return findings;
}

function orphanResponses(evaluation: Evaluation, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map(evaluation.stakeholders.map((s) => [s.stakeholder.id, s]));
  for (const [id, { record, fragment }] of evaluation.review.stakeholders) {
    const s = byId.get(id);
    const at = (rest: PathSegment[]) =>
      locate(fragment.loaded, ["stakeholders", id, ...rest], { key: true });
    if (!s) {
      findings.push(
        context.finding(
          "orphan-response",
          "warning",
          `the review answers stakeholder \`${id}\`, which no checklist of this draft names${didYouMean(id, [...byId.keys()])}`,
          at([]),
          { stakeholder: id },
        ),
      );
      continue;
    }
    if (s.applies === false) {
      findings.push(
        context.finding(
          "orphan-response",
          "warning",
          `the review answers stakeholder \`${id}\`, which does not apply to this draft (${s.condition.expression} is false)`,
          at([]),
          { stakeholder: id },
        ),
      );
      continue;
    }
    for (const itemId of Object.keys(record.items ?? {})) {
      const i = s.items.find((x) => x.item.id === itemId);
      if (!i) {
        findings.push(
          context.finding(
            "orphan-response",
            "warning",
            `the review answers item \`${id}/${itemId}\`, which the checklist does not have${didYouMean(
              itemId,
              s.items.map((x) => x.item.id),
            )}`,
            at(["items", itemId]),
            { stakeholder: id, item: itemId },
          ),
        );
      } else if (i.applies === false) {
        findings.push(
          context.finding(
            "orphan-response",
            "warning",
            `the review answers item \`${id}/${itemId}\`, which does not apply to this draft (${i.condition.expression} is false)`,
            at(["items", itemId]),
            { stakeholder: id, item: itemId },
          ),
        );
      }
    }
  }
  return findings;
}
