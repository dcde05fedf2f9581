/* Generated from schemas/review.schema.json by schemas/generate-types.mjs. Do not edit. */

/**
 * A sha256 digest: "sha256:" and 64 lower-case hex digits.
 */
export type Sha256 = string;

/**
 * The coordination record of one draft: scoping answers, each stakeholder's item responses, decision and sign-offs, and the history of changes. May be one file or a directory of fragments.
 */
export interface Review {
  /**
   * Optional JSON Schema reference for editors.
   */
  $schema?: string;
  /**
   * File format version; always preclear/v1.
   */
  apiVersion: "preclear/v1";
  /**
   * The kind of file; always Review here.
   */
  kind: "Review";
  /**
   * Id of the draft this review records.
   */
  draft: string;
  /**
   * Scoping answers not given in the draft; a fact given in both with different values is invalid.
   */
  facts?: {
    /**
     * A fact's value: boolean, number, string (dates as YYYY-MM-DD) or a list of strings.
     */
    [k: string]: boolean | number | string | string[];
  };
  /**
   * Each stakeholder's record, by stakeholder id.
   */
  stakeholders?: {
    [k: string]: StakeholderRecord;
  };
  /**
   * Append-only log of who changed what, when.
   */
  history?: HistoryEntry[];
  /**
   * Technical amendments of the policy text since offices signed (SPEC section 13).
   */
  amendments?: Amendment[];
}
/**
 * One stakeholder's coordination record.
 */
export interface StakeholderRecord {
  /**
   * Responses to the stakeholder's items, by item id.
   */
  items?: {
    [k: string]: ItemResponse;
  };
  decision?: Decision;
  /**
   * Sign-offs bound to the digest of the draft, checklist and this record.
   */
  signoffs?: Signoff[];
  notice?: Notice;
  tasking?: Tasking;
  /**
   * Comments the office sent, with their adjudication (the comment matrix).
   */
  comments?: Comment[];
  escalation?: Escalation;
  scopeOut?: ScopeOut;
}
/**
 * The response to one checklist item.
 */
export interface ItemResponse {
  /**
   * Where the item stands.
   */
  status: "open" | "in-progress" | "satisfied" | "not-applicable" | "risk-accepted";
  /**
   * Who at the stakeholder confirmed it.
   */
  contact?: string;
  /**
   * When it was confirmed (YYYY-MM-DD).
   */
  date?: string;
  /**
   * Evidence: a link or a path in the repository.
   */
  document?: string;
  /**
   * Confirmed capacity, in the item's unit.
   */
  capacity?: number;
  /**
   * When the confirmed capacity is available; after the date the item's availableBy asks for, it is a capacity-shortfall.
   */
  availableOn?: string;
  /**
   * Free notes.
   */
  notes?: string;
  /**
   * Why the item does not apply (required for not-applicable).
   */
  justification?: string;
  /**
   * Official who accepted the risk (required for risk-accepted).
   */
  acceptedBy?: string;
  /**
   * Level of the official who accepted the risk; a blocker accepted below principal is justification-missing.
   */
  acceptedByLevel?: "staff" | "principal";
  /**
   * Why the risk is accepted (required for risk-accepted).
   */
  rationale?: string;
  provenance?: Provenance;
}
/**
 * Whether this entry is historical (with its source and pinpoint) or illustrative.
 */
export interface Provenance {
  /**
   * historical: documented in the source named; illustrative: invented for the example, not a fact.
   */
  kind: "historical" | "illustrative";
  /**
   * The source documenting a historical entry, e.g. DOJ OIG report 21-028 (rev. April 2022).
   */
  source?: string;
  /**
   * Where in the source: page, section or paragraph.
   */
  pinpoint?: string;
}
/**
 * The stakeholder's answer to the draft.
 */
export interface Decision {
  /**
   * Concur, concur with comments, or non-concur.
   */
  status: "concur" | "concur-with-comments" | "non-concur";
  /**
   * Comments; required for concur-with-comments and non-concur.
   */
  comments?: string;
  /**
   * Official who decided.
   */
  by?: string;
  /**
   * When the decision was made (YYYY-MM-DD).
   */
  date?: string;
  /**
   * Level of the official who decided.
   */
  level?: "staff" | "principal";
  /**
   * Conditions of a conditional concurrence; each open one is condition-open.
   */
  conditions?: Condition[];
  provenance?: Provenance1;
}
/**
 * A condition of a conditional concurrence, tracked until met.
 */
export interface Condition {
  /**
   * Unique within the decision.
   */
  id: string;
  /**
   * What must be done.
   */
  text: string;
  /**
   * Who must do it.
   */
  owner?: string;
  /**
   * By when.
   */
  due?: string;
  /**
   * open (default) or met.
   */
  status?: "open" | "met";
}
/**
 * Whether this entry is historical (with its source and pinpoint) or illustrative.
 */
export interface Provenance1 {
  /**
   * historical: documented in the source named; illustrative: invented for the example, not a fact.
   */
  kind: "historical" | "illustrative";
  /**
   * The source documenting a historical entry, e.g. DOJ OIG report 21-028 (rev. April 2022).
   */
  source?: string;
  /**
   * Where in the source: page, section or paragraph.
   */
  pinpoint?: string;
}
/**
 * A sign-off by an official of the stakeholder.
 */
export interface Signoff {
  /**
   * Name of the official.
   */
  name: string;
  /**
   * Title of the official.
   */
  title?: string;
  /**
   * Level of the official who signed.
   */
  level?: "staff" | "principal";
  /**
   * Date of the sign-off (YYYY-MM-DD).
   */
  date: string;
  /**
   * sha256 digest binding the sign-off to the draft, checklist and this stakeholder's record.
   */
  digest: string;
  /**
   * Which digest definition (docs/digest.md) the digest follows; absent means 1.
   */
  digestVersion?: 1 | 2;
  /**
   * Id of the Ed25519 key that signed (optional).
   */
  keyId?: string;
  /**
   * Base64 Ed25519 signature over the digest and signer fields (with keyId).
   */
  signature?: string;
  /**
   * Digests of each part the sign-off digest covers, so a stale sign-off can say what changed (see docs/digest.md). A hint only: the binding is `digest`.
   */
  parts?: {
    /**
     * A sha256 digest: "sha256:" and 64 lower-case hex digits.
     */
    draft?: string;
    /**
     * A sha256 digest: "sha256:" and 64 lower-case hex digits.
     */
    facts?: string;
    /**
     * A sha256 digest: "sha256:" and 64 lower-case hex digits.
     */
    checklist?: string;
    /**
     * A sha256 digest: "sha256:" and 64 lower-case hex digits.
     */
    record?: string;
    /**
     * A sha256 digest: "sha256:" and 64 lower-case hex digits.
     */
    text?: string;
    [k: string]: Sha256 | undefined;
  };
}
/**
 * When and how the office was given notice of the draft (consult and inform roles need one).
 */
export interface Notice {
  /**
   * When notice was given (YYYY-MM-DD).
   */
  date: string;
  /**
   * A sha256 digest: "sha256:" and 64 lower-case hex digits.
   */
  version?: string;
  /**
   * Who gave notice.
   */
  by?: string;
  /**
   * How: e-mail, meeting, clearance packet…
   */
  means?: string;
  /**
   * Who received it.
   */
  to?: string;
  provenance?: Provenance2;
}
/**
 * Whether this entry is historical (with its source and pinpoint) or illustrative.
 */
export interface Provenance2 {
  /**
   * historical: documented in the source named; illustrative: invented for the example, not a fact.
   */
  kind: "historical" | "illustrative";
  /**
   * The source documenting a historical entry, e.g. DOJ OIG report 21-028 (rev. April 2022).
   */
  source?: string;
  /**
   * Where in the source: page, section or paragraph.
   */
  pinpoint?: string;
}
/**
 * The tasking record: when the office was asked to clear, with what suspense.
 */
export interface Tasking {
  /**
   * When the office was tasked (YYYY-MM-DD).
   */
  tasked: string;
  /**
   * A sha256 digest: "sha256:" and 64 lower-case hex digits.
   */
  version?: string;
  /**
   * The response deadline; omitted, it is computed from the checklist's suspense (business days). Given by hand, it must be a business day.
   */
  suspense?: string;
  /**
   * A granted extension of the suspense.
   */
  extendedTo?: string;
  /**
   * When the office acknowledged the tasking.
   */
  acknowledged?: string;
  /**
   * Who tasked it (e.g. the Executive Secretariat).
   */
  tasker?: string;
  provenance?: Provenance3;
}
/**
 * Whether this entry is historical (with its source and pinpoint) or illustrative.
 */
export interface Provenance3 {
  /**
   * historical: documented in the source named; illustrative: invented for the example, not a fact.
   */
  kind: "historical" | "illustrative";
  /**
   * The source documenting a historical entry, e.g. DOJ OIG report 21-028 (rev. April 2022).
   */
  source?: string;
  /**
   * Where in the source: page, section or paragraph.
   */
  pinpoint?: string;
}
/**
 * A comment an office sent on the draft, and its adjudication by the action office.
 */
export interface Comment {
  /**
   * Unique within the stakeholder.
   */
  id: string;
  /**
   * critical (a non-concurrence unless resolved), substantive, or administrative.
   */
  type: "critical" | "substantive" | "administrative";
  /**
   * Where in the policy text: free text or a heading, e.g. "§ 2, ¶ 3".
   */
  location?: string;
  /**
   * The comment.
   */
  text: string;
  /**
   * The proposed change.
   */
  proposed?: string;
  /**
   * Who made the comment.
   */
  by?: string;
  /**
   * When it was made.
   */
  date?: string;
  /**
   * The action office's disposition; default pending.
   */
  disposition?: "pending" | "accepted" | "partially-accepted" | "rejected";
  /**
   * The action office's response; required for partially-accepted and rejected.
   */
  response?: string;
  /**
   * Whether the commenter agreed with the disposition: open (default), agreed, or elevated.
   */
  resolution?: "open" | "agreed" | "elevated";
  provenance?: Provenance4;
}
/**
 * Whether this entry is historical (with its source and pinpoint) or illustrative.
 */
export interface Provenance4 {
  /**
   * historical: documented in the source named; illustrative: invented for the example, not a fact.
   */
  kind: "historical" | "illustrative";
  /**
   * The source documenting a historical entry, e.g. DOJ OIG report 21-028 (rev. April 2022).
   */
  source?: string;
  /**
   * Where in the source: page, section or paragraph.
   */
  pinpoint?: string;
}
/**
 * Elevation of a non-concurrence to a decision-maker (impasse). Without an outcome it is pending.
 */
export interface Escalation {
  /**
   * Where it was elevated (title).
   */
  to: string;
  /**
   * When it was elevated.
   */
  date?: string;
  /**
   * Who decided.
   */
  decidedBy?: {
    /**
     * Name of the deciding official.
     */
    name: string;
    /**
     * Title; must be one of the checklist's escalateTo for an overruling to count.
     */
    title: string;
  };
  /**
   * When it was decided.
   */
  decided?: string;
  /**
   * overruled: decided over the objection; upheld: the objection stands; withdrawn: the office withdrew it and must record a new decision.
   */
  outcome?: "overruled" | "upheld" | "withdrawn";
  /**
   * The decision-maker's reasons.
   */
  rationale?: string;
  /**
   * The objecting office's dissent, as the decision-maker saw it.
   */
  dissent?: string;
  provenance?: Provenance5;
}
/**
 * Whether this entry is historical (with its source and pinpoint) or illustrative.
 */
export interface Provenance5 {
  /**
   * historical: documented in the source named; illustrative: invented for the example, not a fact.
   */
  kind: "historical" | "illustrative";
  /**
   * The source documenting a historical entry, e.g. DOJ OIG report 21-028 (rev. April 2022).
   */
  source?: string;
  /**
   * Where in the source: page, section or paragraph.
   */
  pinpoint?: string;
}
/**
 * Confirmation that a stakeholder the facts rule out is indeed not affected (checklist confirmScopeOut).
 */
export interface ScopeOut {
  /**
   * Who confirmed: the office itself or the clearance office.
   */
  confirmedBy: string;
  /**
   * When (YYYY-MM-DD).
   */
  date: string;
  /**
   * Why the office is not affected.
   */
  basis: string;
  provenance?: Provenance6;
}
/**
 * Whether this entry is historical (with its source and pinpoint) or illustrative.
 */
export interface Provenance6 {
  /**
   * historical: documented in the source named; illustrative: invented for the example, not a fact.
   */
  kind: "historical" | "illustrative";
  /**
   * The source documenting a historical entry, e.g. DOJ OIG report 21-028 (rev. April 2022).
   */
  source?: string;
  /**
   * Where in the source: page, section or paragraph.
   */
  pinpoint?: string;
}
/**
 * One change to the review.
 */
export interface HistoryEntry {
  /**
   * When (ISO 8601 UTC timestamp).
   */
  at: string;
  /**
   * Who made the change.
   */
  actor: string;
  /**
   * Stakeholder id concerned.
   */
  stakeholder?: string;
  /**
   * Item id concerned (or decision, signoff, fact:<name>).
   */
  item?: string;
  /**
   * Previous value.
   */
  from?: string | null;
  /**
   * New value.
   */
  to?: string | null;
  /**
   * Why, when the change needed one (e.g. a forced sign-off).
   */
  reason?: string;
  /**
   * How the change came in: review, signoff, import, packet, amend…
   */
  via?: string;
  /**
   * For an imported response: who answered (name, title).
   */
  respondent?: string;
}
/**
 * A recorded amendment of the policy text between two versions.
 */
export interface Amendment {
  /**
   * A sha256 digest: "sha256:" and 64 lower-case hex digits.
   */
  from: string;
  /**
   * A sha256 digest: "sha256:" and 64 lower-case hex digits.
   */
  to: string;
  /**
   * technical: no change of substance (typos, formatting, citations).
   */
  kind: "technical";
  /**
   * Why it is technical.
   */
  reason: string;
  /**
   * Who made it.
   */
  by: string;
  /**
   * When (ISO 8601 UTC).
   */
  at: string;
  /**
   * Key that signed the amendment (optional).
   */
  keyId?: string;
  /**
   * Base64 Ed25519 signature over the amendment (optional).
   */
  signature?: string;
}
