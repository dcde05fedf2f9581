/* Generated from schemas/review.schema.json by schemas/generate-types.mjs. Do not edit. */

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
   * Why the risk is accepted (required for risk-accepted).
   */
  rationale?: string;
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
   * Date of the sign-off (YYYY-MM-DD).
   */
  date: string;
  /**
   * sha256 digest binding the sign-off to the draft, checklist and this stakeholder's record.
   */
  digest: string;
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
     * Digest of the draft part: its id and content digest (the policy text).
     */
    draft: string;
    /**
     * Digest of the merged scoping facts of the draft and the review.
     */
    facts: string;
    /**
     * Digest of the resolved checklists: id, version and content of each.
     */
    checklist: string;
    /**
     * Digest of this stakeholder's record (items and decision, not sign-offs).
     */
    record: string;
  };
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
}
