/* Generated from schemas/response.schema.json by schemas/generate-types.mjs. Do not edit. */

/**
 * An office's answer to a clearance packet, written outside the repository and brought in with preclear import: item responses, comments and a decision, for one stakeholder and one version of the draft.
 */
export interface Response {
  /**
   * Optional JSON Schema reference for editors.
   */
  $schema?: string;
  /**
   * File format version; always preclear/v1.
   */
  apiVersion: "preclear/v1";
  /**
   * The kind of file; always Response here.
   */
  kind: "Response";
  /**
   * Id of the draft answered.
   */
  draft: string;
  /**
   * Id of the answering stakeholder.
   */
  stakeholder: string;
  /**
   * Content digest of the version of the draft answered (from the packet's cover).
   */
  version: string;
  /**
   * Who answered.
   */
  respondent: {
    /**
     * Name of the official.
     */
    name: string;
    /**
     * Title of the official.
     */
    title?: string;
    /**
     * staff or principal.
     */
    level?: "staff" | "principal";
    /**
     * When the response was made (YYYY-MM-DD).
     */
    date: string;
  };
  /**
   * Responses to the stakeholder's items, by item id (same fields as in the review).
   */
  items?: {
    [k: string]: ItemResponse;
  };
  /**
   * Comments on the draft (same fields as in the review).
   */
  comments?: Comment[];
  decision?: Decision;
  /**
   * Ed25519 signature by preclear respond over the response without this field.
   */
  signature?: {
    /**
     * Id of the signing key in the trust list.
     */
    keyId: string;
    /**
     * Base64 signature.
     */
    value: string;
  };
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
  provenance?: Provenance1;
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
  provenance?: Provenance2;
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
