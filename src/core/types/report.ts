/* Generated from schemas/report.schema.json by schemas/generate-types.mjs. Do not edit. */

/**
 * A fact's value: boolean, number, string (dates as YYYY-MM-DD) or a list of strings.
 */
export type FactValue = boolean | number | string | string[];

/**
 * A clearance report (preclear report --format json): the clearance sheet, blocking gaps, per-stakeholder detail, capacity, timeline, coordination graph, scope and the digests it was generated from. Carries everything the Markdown and HTML reports show.
 */
export interface Report {
  /**
   * The JSON Schema this report follows.
   */
  $schema: "https://preclear.dev/schemas/v1/report.schema.json";
  /**
   * File format version; always preclear/v1.
   */
  apiVersion: "preclear/v1";
  /**
   * The kind of document; always Report.
   */
  kind: "Report";
  /**
   * The tool that made the report.
   */
  generator: {
    /**
     * Always preclear.
     */
    name: "preclear";
    /**
     * preclear's version.
     */
    version: string | null;
  };
  /**
   * The report date: deadlines are judged against it (YYYY-MM-DD).
   */
  asOf: string;
  /**
   * The draft being cleared.
   */
  draft: {
    /**
     * Draft id.
     */
    id: string;
    /**
     * Title of the policy.
     */
    title: string;
    /**
     * Office issuing the policy (the action office).
     */
    issuer: string | null;
    /**
     * Planned issuance date.
     */
    issuanceDate: string | null;
    /**
     * Path of the draft, relative to the directory the report was made in.
     */
    file: string;
    /**
     * Checklists the draft names, as it names them.
     */
    checklists: string[];
    /**
     * The policy text (the body of a Markdown draft, or a text document the descriptor names), shown as the report's appendix; null when it is not available as text. Absent in reports written before it was added.
     */
    text?: string | null;
  };
  /**
   * Counts a reader takes in at a glance.
   */
  summary: {
    /**
     * True when no error-level finding blocks issuance.
     */
    ready: boolean;
    /**
     * Findings by level.
     */
    findings: {
      /**
       * Number of error-level findings.
       */
      error: number;
      /**
       * Number of warning-level findings.
       */
      warning: number;
      /**
       * Number of note-level findings.
       */
      note: number;
    };
    /**
     * Stakeholders by applicability.
     */
    stakeholders: {
      /**
       * Stakeholders that apply.
       */
      applicable: number;
      /**
       * Stakeholders whose applicability needs missing facts.
       */
      undecided: number;
      /**
       * Stakeholders that do not apply.
       */
      ruledOut: number;
    };
    /**
     * Applicable stakeholders by decision.
     */
    decisions: {
      /**
       * Concurred.
       */
      concur: number;
      /**
       * Concurred with comments.
       */
      concurWithComments: number;
      /**
       * Non-concurred.
       */
      nonConcur: number;
      /**
       * No decision recorded.
       */
      pending: number;
    };
    /**
     * Applicable stakeholders by sign-off state.
     */
    signoffs: {
      /**
       * Stakeholders whose sign-off state is signature-verified.
       */
      "signature-verified": number;
      /**
       * Stakeholders whose sign-off state is valid.
       */
      valid: number;
      /**
       * Stakeholders whose sign-off state is stale.
       */
      stale: number;
      /**
       * Stakeholders whose sign-off state is invalid.
       */
      invalid: number;
      /**
       * Stakeholders whose sign-off state is missing.
       */
      missing: number;
      /**
       * Stakeholders whose sign-off state is not-required.
       */
      "not-required": number;
    };
    /**
     * Applicable items.
     */
    items: {
      /**
       * Items that apply.
       */
      applicable: number;
      /**
       * Items satisfied, not applicable or risk-accepted.
       */
      done: number;
      /**
       * Items not done.
       */
      open: number;
      /**
       * Items not done and past their due date.
       */
      overdue: number;
    };
    /**
     * Capacity checks whose confirmed capacity is below demand or not confirmed.
     */
    capacityShortfalls: number;
  };
  /**
   * One row per applicable stakeholder, in coordination order: the coordination record people sign.
   *
   * Items: A clearance sheet row.
   */
  clearanceSheet: {
    /**
     * 1-based position in coordination order.
     */
    order: number;
    /**
     * Stakeholder id.
     */
    stakeholder: string;
    /**
     * Office name.
     */
    name: string;
    /**
     * Agency or branch.
     */
    agency: string | null;
    /**
     * Stakeholders that must decide first.
     */
    dependsOn: string[];
    decision: Decision;
    signoff: Signoff;
    /**
     * The office's applicable items.
     */
    items: {
      /**
       * Items that apply.
       */
      applicable: number;
      /**
       * Items done.
       */
      done: number;
      /**
       * Items not done.
       */
      open: number;
      /**
       * Items overdue.
       */
      overdue: number;
    };
    /**
     * Error-level findings about this office.
     */
    blockingGaps: number;
  }[];
  /**
   * Error-level findings, in reading order (draft-wide, then by stakeholder and item).
   */
  blockingGaps: Finding[];
  /**
   * Warnings and notes, in the same order.
   */
  otherFindings: Finding[];
  /**
   * Per applicable stakeholder, in coordination order: its decision, sign-off and items.
   *
   * Items: One stakeholder in detail.
   */
  stakeholders: {
    /**
     * 1-based position in coordination order.
     */
    order: number;
    /**
     * Stakeholder id.
     */
    stakeholder: string;
    /**
     * Office name.
     */
    name: string;
    /**
     * Agency or branch.
     */
    agency: string | null;
    /**
     * What the stakeholder does and why it is consulted (Markdown in the checklist).
     */
    description: string | null;
    /**
     * Stakeholders that must decide first.
     */
    dependsOn: string[];
    condition: Condition;
    decision: Decision1;
    signoff: Signoff1;
    /**
     * Every item of the stakeholder, applicable or not, in checklist order.
     */
    items: Item[];
  }[];
  /**
   * Demand against confirmed capacity, per applicable item with a capacity check.
   *
   * Items: One capacity check.
   */
  capacity: {
    /**
     * Stakeholder id.
     */
    stakeholder: string;
    /**
     * Office name.
     */
    name: string;
    /**
     * Item id.
     */
    item: string;
    /**
     * The item's question.
     */
    question: string;
    /**
     * Unit of demand and capacity.
     */
    unit: string | null;
    /**
     * CEL expression giving the demand.
     */
    expression: string;
    /**
     * Facts the demand expression read.
     */
    reads: FactRead[];
    /**
     * Evaluated demand, or null when it could not be computed.
     */
    demand: number | null;
    /**
     * Confirmed capacity, or null when none is recorded.
     */
    capacity: number | null;
    /**
     * Demand minus confirmed capacity when positive, 0 when met, null when waived or unknown.
     */
    shortfall: number | null;
    /**
     * sufficient, shortfall, unconfirmed (no capacity recorded), unknown (no demand), or waived (not-applicable or risk-accepted). late: enough, but available only after the date the item asks for (availableBy).
     */
    state: "sufficient" | "shortfall" | "unconfirmed" | "unknown" | "waived" | "late";
    /**
     * The item's status.
     */
    status: "open" | "in-progress" | "satisfied" | "not-applicable" | "risk-accepted";
  }[];
  /**
   * Due dates against the issuance date.
   */
  timeline: {
    /**
     * Planned issuance date.
     */
    issuanceDate: string | null;
    /**
     * The report date.
     */
    asOf: string;
    /**
     * Applicable items with a due date, by due date then coordination order.
     *
     * Items: One due date.
     */
    entries: {
      /**
       * Stakeholder id.
       */
      stakeholder: string;
      /**
       * Office name.
       */
      name: string;
      /**
       * Item id.
       */
      item: string;
      /**
       * The item's question.
       */
      question: string;
      /**
       * Item severity.
       */
      severity: "blocker" | "major" | "minor";
      /**
       * ISO 8601 duration before issuance.
       */
      due: string;
      /**
       * Issuance date minus due.
       */
      dueDate: string;
      /**
       * Days from the due date to the issuance date.
       */
      daysBeforeIssuance: number;
      /**
       * The item's status.
       */
      status: "open" | "in-progress" | "satisfied" | "not-applicable" | "risk-accepted";
      /**
       * Answered satisfied while the confirmed capacity is below the evaluated demand (a capacity-shortfall finding). Shown as "Answered — below demand", never as "Satisfied".
       */
      belowDemand: boolean;
      /**
       * True for satisfied, not-applicable and risk-accepted.
       */
      done: boolean;
      /**
       * Not done and due before the report date.
       */
      overdue: boolean;
      /**
       * Days past due as of the report date, when overdue; else null.
       */
      daysOverdue: number | null;
    }[];
  };
  /**
   * The dependsOn graph of the applicable stakeholders, layered by rank.
   */
  coordinationGraph: {
    /**
     * Number of ranks.
     */
    ranks: number;
    /**
     * One node per applicable stakeholder, in coordination order.
     *
     * Items: A stakeholder in the graph.
     */
    nodes: {
      /**
       * Stakeholder id.
       */
      stakeholder: string;
      /**
       * Office name.
       */
      name: string;
      /**
       * 1-based coordination order.
       */
      order: number;
      /**
       * Longest chain of dependsOn edges leading to it; 0 for those that depend on nothing.
       */
      rank: number;
      /**
       * The decision.
       */
      decision:
        | "concur"
        | "concur-with-comments"
        | "non-concur"
        | "pending"
        | "decided-over-objection"
        | "cleared-by-silence"
        | "not-asked";
      /**
       * The sign-off state.
       */
      signoff: "signature-verified" | "valid" | "stale" | "invalid" | "missing" | "not-required";
    }[];
    /**
     * dependsOn edges between applicable stakeholders.
     *
     * Items: from must decide before to.
     */
    edges: {
      /**
       * The stakeholder depended on.
       */
      from: string;
      /**
       * The stakeholder that depends on it.
       */
      to: string;
    }[];
  };
  /**
   * Stakeholders whose applicability depends on facts that have no value.
   */
  undecided: ScopedOut[];
  /**
   * Stakeholders that do not apply, with the condition and fact values that ruled them out.
   */
  ruledOut: ScopedOut[];
  /**
   * Items of applicable stakeholders that do not apply, and why.
   *
   * Items: An item ruled out.
   */
  ruledOutItems: {
    /**
     * Stakeholder id.
     */
    stakeholder: string;
    /**
     * Office name.
     */
    name: string;
    /**
     * Item id.
     */
    item: string;
    /**
     * The item's question.
     */
    question: string;
    condition: Condition3;
  }[];
  /**
   * Every source an applicable item cites, in the order first cited.
   */
  sources: Source[];
  /**
   * Every fact the checklists declare, with its value.
   *
   * Items: A fact.
   */
  facts: {
    /**
     * Fact name.
     */
    name: string;
    /**
     * The question the fact answers.
     */
    question: string;
    /**
     * Its value, or null when none is given.
     */
    value: FactValue | null;
    /**
     * Unit of a numeric fact.
     */
    unit: string | null;
    /**
     * The file that gave the value.
     */
    from: string | null;
  }[];
  /**
   * The content digests the report was generated from.
   */
  digests: {
    /**
     * The draft.
     */
    draft: {
      /**
       * Path of the draft.
       */
      file: string;
      /**
       * sha256 of the policy text: what sign-offs bind to.
       */
      contentDigest: string;
      /**
       * sha256 of the draft's front matter or descriptor (facts, checklists).
       */
      metadataDigest: string;
    };
    /**
     * Every checklist merged, bases first.
     *
     * Items: A checklist.
     */
    checklists: {
      /**
       * Checklist id.
       */
      id: string;
      /**
       * Checklist version.
       */
      version: string;
      /**
       * Whether it is one of preclear's built-in checklists.
       */
      builtin: boolean;
      /**
       * Path of a local checklist; null for a built-in one.
       */
      file: string | null;
      /**
       * sha256 of the checklist file's text.
       */
      digest: string;
    }[];
    /**
     * The review.
     */
    review: {
      /**
       * Review file or directory.
       */
      path: string;
      /**
       * Whether it exists (a missing review is judged as empty).
       */
      exists: boolean;
      /**
       * Each review file (fragment) read.
       *
       * Items: A review file.
       */
      files: {
        /**
         * Path of the file.
         */
        file: string;
        /**
         * sha256 of its text.
         */
        digest: string;
      }[];
    };
  };
  /**
   * SPEC part two (the clearance lifecycle): present only when the draft's checklist or review uses it.
   */
  lifecycle?: {
    /**
     * Applicable offices in coordination order.
     */
    offices: LifecycleOffice[];
    /**
     * The comment-resolution matrix.
     */
    comments: CommentRow[];
    /**
     * Conditions of concurrence as tracked items with owner and due date.
     */
    conditions: TrackedCondition[];
    /**
     * Offices ruled out that must confirm it, or did.
     */
    scopeOuts: ScopeOutRow[];
  };
}
/**
 * The office's decision.
 */
export interface Decision {
  /**
   * The decision, or pending.
   */
  state:
    | "concur"
    | "concur-with-comments"
    | "non-concur"
    | "pending"
    | "decided-over-objection"
    | "cleared-by-silence"
    | "not-asked";
  /**
   * Official who decided.
   */
  by: string | null;
  /**
   * When the decision was made (YYYY-MM-DD).
   */
  date: string | null;
  /**
   * The decision's comments (required for concur-with-comments and non-concur).
   */
  comments: string | null;
}
/**
 * The office's sign-off.
 */
export interface Signoff {
  /**
   * Whether the checklist requires a sign-off from this stakeholder.
   */
  required: boolean;
  /**
   * The sign-off state.
   */
  state: "signature-verified" | "valid" | "stale" | "invalid" | "missing" | "not-required";
  /**
   * The sign-offs recorded, in review order.
   */
  signatures: Signature[];
}
/**
 * One sign-off recorded in the review.
 */
export interface Signature {
  /**
   * Name of the official.
   */
  name: string;
  /**
   * Title of the official.
   */
  title: string | null;
  /**
   * Date of the sign-off (YYYY-MM-DD).
   */
  date: string;
  /**
   * Id of the Ed25519 key that signed, if any.
   */
  keyId: string | null;
}
/**
 * A finding of SPEC section 7, located where a user should edit.
 */
export interface Finding {
  /**
   * The rule that produced it.
   */
  ruleId:
    | "invalid-file"
    | "fact-missing"
    | "item-open"
    | "evidence-missing"
    | "justification-missing"
    | "capacity-shortfall"
    | "overdue"
    | "decision-missing"
    | "non-concurrence"
    | "signoff-missing"
    | "signoff-stale"
    | "signature-invalid"
    | "signature-required"
    | "checklist-override"
    | "dependency-order"
    | "orphan-response"
    | "notice-missing"
    | "level-insufficient"
    | "condition-open"
    | "escalation-invalid"
    | "scope-out-unconfirmed"
    | "tasking-missing"
    | "deemed-concurrence"
    | "input-missing"
    | "comment-unresolved"
    | "decision-inconsistent"
    | "snapshot-missing";
  /**
   * Its level, after configured rule levels.
   */
  level: "error" | "warning" | "note";
  /**
   * What is wrong, in one sentence.
   */
  message: string;
  /**
   * Stakeholder id it concerns, or null.
   */
  stakeholder: string | null;
  /**
   * That stakeholder's name, or null.
   */
  stakeholderName: string | null;
  /**
   * Item id it concerns, or null.
   */
  item: string | null;
  /**
   * Where to edit.
   */
  location: {
    /**
     * File path, relative to the directory the report was made in.
     */
    file: string;
    /**
     * 1-based line.
     */
    line: number;
    /**
     * 1-based column.
     */
    column: number;
  };
}
/**
 * Why the stakeholder applies.
 */
export interface Condition {
  /**
   * The CEL expression; null when the stakeholder or item always applies.
   */
  expression: string | null;
  /**
   * true or false, or null when it could not be decided.
   */
  result: boolean | null;
  /**
   * The facts the expression read, with their values.
   */
  reads: FactRead[];
  /**
   * Facts the expression needed that have no value.
   */
  missing: string[];
  /**
   * Why evaluation failed, if it did.
   */
  error: string | null;
}
/**
 * A fact an expression read, with its value.
 */
export interface FactRead {
  /**
   * Fact name.
   */
  fact: string;
  /**
   * The fact's value, or null when it has none.
   */
  value: FactValue | null;
}
/**
 * The decision.
 */
export interface Decision1 {
  /**
   * The decision, or pending.
   */
  state:
    | "concur"
    | "concur-with-comments"
    | "non-concur"
    | "pending"
    | "decided-over-objection"
    | "cleared-by-silence"
    | "not-asked";
  /**
   * Official who decided.
   */
  by: string | null;
  /**
   * When the decision was made (YYYY-MM-DD).
   */
  date: string | null;
  /**
   * The decision's comments (required for concur-with-comments and non-concur).
   */
  comments: string | null;
}
/**
 * The sign-off.
 */
export interface Signoff1 {
  /**
   * Whether the checklist requires a sign-off from this stakeholder.
   */
  required: boolean;
  /**
   * The sign-off state.
   */
  state: "signature-verified" | "valid" | "stale" | "invalid" | "missing" | "not-required";
  /**
   * The sign-offs recorded, in review order.
   */
  signatures: Signature[];
}
/**
 * One checklist item of a stakeholder and what the review records for it.
 */
export interface Item {
  /**
   * Item id.
   */
  id: string;
  /**
   * The question the coordination must answer.
   */
  question: string;
  /**
   * Item severity.
   */
  severity: "blocker" | "major" | "minor";
  /**
   * Whether the item applies to this draft; null when facts are missing.
   */
  applies: boolean | null;
  condition: Condition1;
  /**
   * The item's status.
   */
  status: "open" | "in-progress" | "satisfied" | "not-applicable" | "risk-accepted";
  /**
   * Answered satisfied while the confirmed capacity is below the evaluated demand (a capacity-shortfall finding). Shown as "Answered — below demand", never as "Satisfied".
   */
  belowDemand: boolean;
  /**
   * True for satisfied, not-applicable and risk-accepted.
   */
  done: boolean;
  /**
   * ISO 8601 duration before issuance by which it must be done.
   */
  due: string | null;
  /**
   * Issuance date minus due, when both are known.
   */
  dueDate: string | null;
  /**
   * Applicable, not done, and due before the report date.
   */
  overdue: boolean;
  /**
   * Where the item stands, all things considered: its status, or evidence-missing (satisfied without required evidence), unjustified (not-applicable or risk-accepted without its justification), below-demand (satisfied with capacity short of the demand). The same state lint, the review walk and the report use.
   */
  state:
    | "open"
    | "in-progress"
    | "evidence-missing"
    | "unjustified"
    | "below-demand"
    | "satisfied"
    | "not-applicable"
    | "risk-accepted";
  /**
   * The evidence the review records.
   */
  evidence: {
    /**
     * Fields a satisfied response must carry.
     */
    required: ("contact" | "date" | "document" | "capacity" | "notes")[];
    /**
     * Required fields a satisfied response lacks.
     */
    missing: string[];
    /**
     * Who at the stakeholder confirmed it.
     */
    contact: string | null;
    /**
     * When it was confirmed.
     */
    date: string | null;
    /**
     * Evidence document: a path or a link.
     */
    document: Link | null;
    /**
     * Confirmed capacity, in the item's unit.
     */
    capacity: number | null;
  };
  /**
   * Free notes.
   */
  notes: string | null;
  /**
   * Why the item does not apply (not-applicable).
   */
  justification: string | null;
  /**
   * Official who accepted the risk (risk-accepted).
   */
  acceptedBy: string | null;
  /**
   * Why the risk is accepted (risk-accepted).
   */
  rationale: string | null;
  /**
   * Sources that justify the item.
   */
  sources: Source[];
  /**
   * Findings about this item.
   *
   * Items: A finding's rule and level.
   */
  findings: {
    /**
     * The rule.
     */
    ruleId:
      | "invalid-file"
      | "fact-missing"
      | "item-open"
      | "evidence-missing"
      | "justification-missing"
      | "capacity-shortfall"
      | "overdue"
      | "decision-missing"
      | "non-concurrence"
      | "signoff-missing"
      | "signoff-stale"
      | "signature-invalid"
      | "signature-required"
      | "checklist-override"
      | "dependency-order"
      | "orphan-response"
      | "notice-missing"
      | "level-insufficient"
      | "condition-open"
      | "escalation-invalid"
      | "scope-out-unconfirmed"
      | "tasking-missing"
      | "deemed-concurrence"
      | "input-missing"
      | "comment-unresolved"
      | "decision-inconsistent"
      | "snapshot-missing";
    /**
     * The level.
     */
    level: "error" | "warning" | "note";
  }[];
}
/**
 * The item's appliesWhen condition and its outcome.
 */
export interface Condition1 {
  /**
   * The CEL expression; null when the stakeholder or item always applies.
   */
  expression: string | null;
  /**
   * true or false, or null when it could not be decided.
   */
  result: boolean | null;
  /**
   * The facts the expression read, with their values.
   */
  reads: FactRead[];
  /**
   * Facts the expression needed that have no value.
   */
  missing: string[];
  /**
   * Why evaluation failed, if it did.
   */
  error: string | null;
}
/**
 * Text that may be a link.
 */
export interface Link {
  /**
   * The text as recorded (a path in the repository or a URL).
   */
  text: string;
  /**
   * The URL to link to: set only for an http(s) URL; null means render as plain text.
   */
  href: string | null;
}
/**
 * A source that justifies an item.
 */
export interface Source {
  /**
   * Source id from the checklist.
   */
  id: string;
  /**
   * Title of the source.
   */
  title: string;
  /**
   * The URL as the checklist gives it.
   */
  url: string | null;
  /**
   * The same URL when it is http(s) and safe to link; null otherwise.
   */
  href: string | null;
}
/**
 * A stakeholder that does not apply, or might not: its condition and the fact values it read.
 */
export interface ScopedOut {
  /**
   * Stakeholder id.
   */
  stakeholder: string;
  /**
   * Stakeholder name.
   */
  name: string;
  /**
   * Agency or branch.
   */
  agency: string | null;
  condition: Condition2;
}
/**
 * The appliesWhen condition and the facts it read.
 */
export interface Condition2 {
  /**
   * The CEL expression; null when the stakeholder or item always applies.
   */
  expression: string | null;
  /**
   * true or false, or null when it could not be decided.
   */
  result: boolean | null;
  /**
   * The facts the expression read, with their values.
   */
  reads: FactRead[];
  /**
   * Facts the expression needed that have no value.
   */
  missing: string[];
  /**
   * Why evaluation failed, if it did.
   */
  error: string | null;
}
/**
 * The condition and the facts it read.
 */
export interface Condition3 {
  /**
   * The CEL expression; null when the stakeholder or item always applies.
   */
  expression: string | null;
  /**
   * true or false, or null when it could not be decided.
   */
  result: boolean | null;
  /**
   * The facts the expression read, with their values.
   */
  reads: FactRead[];
  /**
   * Facts the expression needed that have no value.
   */
  missing: string[];
  /**
   * Why evaluation failed, if it did.
   */
  error: string | null;
}
/**
 * One applicable office's role, level, notice, tasking, escalation and decision.
 */
export interface LifecycleOffice {
  /**
   * Coordination order among applicable offices.
   */
  order: number;
  /**
   * Stakeholder id.
   */
  stakeholder: string;
  /**
   * Office name.
   */
  name: string;
  /**
   * clear: must decide; consult: notice and a chance to comment; inform: notice only.
   */
  role: "clear" | "consult" | "inform";
  /**
   * The level the checklist asks to decide and sign.
   */
  level: "staff" | "principal";
  /**
   * How the office's decision came about.
   */
  decision: {
    /**
     * The decision state.
     */
    state:
      | "concur"
      | "concur-with-comments"
      | "non-concur"
      | "pending"
      | "decided-over-objection"
      | "cleared-by-silence"
      | "not-asked";
    /**
     * The level recorded with the decision.
     */
    level: "staff" | "principal" | null;
    /**
     * One phrase: "decided over objection", "cleared by silence on DATE", "concur with N conditions"…
     */
    summary: string;
  };
  /**
   * The notice given, for consult and inform offices.
   */
  notice: null | {
    /**
     * When notice was given.
     */
    date: string;
    /**
     * Who gave it.
     */
    by: string | null;
    /**
     * How.
     */
    means: string | null;
    /**
     * Who received it.
     */
    to: string | null;
    /**
     * Content digest sent.
     */
    version: string | null;
  };
  /**
   * The tasking record and its suspense.
   */
  tasking: null | {
    /**
     * When the office was tasked.
     */
    tasked: string;
    /**
     * Who tasked it.
     */
    tasker: string | null;
    /**
     * When it acknowledged.
     */
    acknowledged: string | null;
    /**
     * The suspense: given, or computed in business days.
     */
    suspense: string | null;
    /**
     * The suspense was computed from the checklist's business days.
     */
    suspenseComputed: boolean;
    /**
     * The checklist's suspense in business days.
     */
    businessDays: number | null;
    /**
     * A granted extension.
     */
    extendedTo: string | null;
    /**
     * The date that counts: extension, else suspense.
     */
    deadline: string | null;
    /**
     * Past the deadline without a decision.
     */
    overdue: boolean;
  };
  /**
   * Escalation of a non-concurrence.
   */
  escalation: null | {
    /**
     * Where the objection was elevated.
     */
    to: string;
    /**
     * When.
     */
    date: string | null;
    /**
     * The outcome, pending until decided.
     */
    outcome: "pending" | "overruled" | "upheld" | "withdrawn";
    /**
     * False when the overruling cannot count (escalation-invalid).
     */
    valid: boolean;
    /**
     * Who decided.
     */
    decidedBy: null | {
      /**
       * Name.
       */
      name: string;
      /**
       * Title.
       */
      title: string;
    };
    /**
     * When it was decided.
     */
    decided: string | null;
    /**
     * The decision-maker's reasons.
     */
    rationale: string | null;
    /**
     * The objecting office's dissent.
     */
    dissent: string | null;
  };
  /**
   * The date the office was cleared by silence.
   */
  clearedBySilence: string | null;
  /**
   * Conditions of its concurrence.
   */
  conditions: {
    /**
     * How many conditions.
     */
    total: number;
    /**
     * How many are still open.
     */
    open: number;
  };
  /**
   * Comments it sent.
   */
  comments: {
    /**
     * How many comments.
     */
    total: number;
    /**
     * How many are unresolved.
     */
    unresolved: number;
  };
}
/**
 * One row of the comment-resolution matrix.
 */
export interface CommentRow {
  /**
   * The commenting office.
   */
  stakeholder: string;
  /**
   * Office name.
   */
  name: string;
  /**
   * Comment id.
   */
  id: string;
  /**
   * Comment type.
   */
  type: "critical" | "substantive" | "administrative";
  /**
   * Where in the policy text.
   */
  location: string | null;
  /**
   * The comment.
   */
  text: string;
  /**
   * The proposed change.
   */
  proposed: string | null;
  /**
   * Who made it.
   */
  by: string | null;
  /**
   * When.
   */
  date: string | null;
  /**
   * The action office's disposition.
   */
  disposition: "pending" | "accepted" | "partially-accepted" | "rejected";
  /**
   * The action office's response.
   */
  response: string | null;
  /**
   * Whether the commenter agreed.
   */
  resolution: "open" | "agreed" | "elevated";
  /**
   * Neither accepted nor agreed by the commenter.
   */
  unresolved: boolean;
}
/**
 * A condition of a conditional concurrence, tracked until met.
 */
export interface TrackedCondition {
  /**
   * The office that concurred on the condition.
   */
  stakeholder: string;
  /**
   * Office name.
   */
  name: string;
  /**
   * Condition id.
   */
  id: string;
  /**
   * What must be done.
   */
  text: string;
  /**
   * Who must do it.
   */
  owner: string | null;
  /**
   * By when.
   */
  due: string | null;
  /**
   * Open until met.
   */
  status: "open" | "met";
  /**
   * Open and due before the report date.
   */
  overdue: boolean;
}
/**
 * An office the facts rule out, with its scope-out confirmation.
 */
export interface ScopeOutRow {
  /**
   * The office ruled out.
   */
  stakeholder: string;
  /**
   * Office name.
   */
  name: string;
  /**
   * The checklist asks that being ruled out be confirmed.
   */
  confirmRequired: boolean;
  /**
   * The appliesWhen that ruled it out, with the fact values.
   */
  ruledOutBy: string;
  /**
   * The scopeOut record.
   */
  confirmation: null | {
    /**
     * Who confirmed.
     */
    confirmedBy: string;
    /**
     * When.
     */
    date: string;
    /**
     * Why it is not affected.
     */
    basis: string;
  };
}
