/**
 * What a rule module is: its metadata (level, descriptions, help link) and
 * its check over an evaluated draft. One module per rule id in this folder;
 * `index.ts` is the registry lint runs.
 */
import type { Location } from "../diagnostics.js";
import type { Evaluation, ItemEvaluation, StakeholderEvaluation } from "../evaluate/evaluate.js";
import type { PathSegment } from "../load/yaml.js";
import type { Finding, Level, RuleId } from "./findings.js";
import type { StateContext } from "./state.js";

export interface RuleMeta {
  id: RuleId;
  /**
   * The level a finding of this rule has unless something says otherwise.
   * Where the level follows the finding's subject (`item-open` by severity,
   * `comment-unresolved` by comment type, `notice-missing` by role) the
   * worst case is recorded here.
   */
  defaultLevel: Level;
  /** One sentence, no trailing period: what is wrong. */
  shortDescription: string;
  /** What triggers the rule and how to resolve it. */
  fullDescription: string;
  helpUri: string;
}

export interface LintOptions {
  /** The date deadlines are judged against (YYYY-MM-DD). */
  asOf: string;
  /**
   * One copy of each equal message and path text across many drafts (see
   * checkDrafts): 1,000 similar drafts repeat most of their findings' words.
   */
  intern?: (text: string) => string;
}

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
  /** What item, decision and sign-off states are judged against (core/rules/state.ts). */
  state: StateContext;
}

/** A rule lint runs over every evaluated draft. */
export interface Rule {
  meta: RuleMeta;
  check(evaluation: Evaluation, context: RuleContext): Finding[];
}

/**
 * What the sign-off module judged (core/signing/signoff.ts), as the sign-off
 * rules read it: their check needs the trusted keys, so it runs there.
 */
export interface JudgedSignoffs {
  stakeholder: StakeholderEvaluation;
  signoffs: ReadonlyArray<{
    index: number;
    signoff: { name: string; date: string };
    current: boolean;
    staleReason?: string;
    signature?: { ok: boolean; problem?: string; field: "signature" | "keyId" };
  }>;
}

const DOCS = "https://github.com/preclear/preclear/blob/main/docs/rules.md";

export function ruleMeta(
  id: RuleId,
  defaultLevel: Level,
  shortDescription: string,
  fullDescription: string,
): RuleMeta {
  return { id, defaultLevel, shortDescription, fullDescription, helpUri: `${DOCS}#${id}` };
}
