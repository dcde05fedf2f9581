/* Generated from schemas/draft.schema.json by schemas/generate-types.mjs. Do not edit. */

/**
 * A fact's value: boolean, number, string (dates as YYYY-MM-DD) or a list of strings.
 */
export type FactValue = boolean | number | string | string[];

/**
 * A policy draft being cleared: either the preclear: block of a Markdown file's front matter, or a YAML descriptor (kind: Draft) naming an external document.
 */
export interface Draft {
  /**
   * Optional JSON Schema reference for editors.
   */
  $schema?: string;
  /**
   * File format version; required in a YAML descriptor.
   */
  apiVersion?: "preclear/v1";
  /**
   * The kind of file; required in a YAML descriptor.
   */
  kind?: "Draft";
  /**
   * Unique id of the draft; the review names it.
   */
  id: string;
  /**
   * Title of the policy.
   */
  title: string;
  /**
   * Office issuing the policy (the action office).
   */
  issuer?: string;
  /**
   * Planned issuance date (YYYY-MM-DD); due dates count back from it.
   */
  issuanceDate?: string;
  /**
   * When the policy takes effect (YYYY-MM-DD), if later than issuance; CEL reads it as draft.effectiveDate and capacity with availableBy: effective must exist by it.
   */
  effectiveDate?: string;
  /**
   * Checklists that apply: built-in or local ids, or paths relative to the draft.
   *
   * @minItems 1
   */
  checklists: [string, ...string[]];
  /**
   * Answers to the checklists' scoping questions, by fact name.
   */
  facts?: {
    [k: string]: FactValue;
  };
  /**
   * Path of the review file or directory, relative to the draft; default <basename>.review.yaml beside it (or <basename>.review/ if that directory exists).
   */
  review?: string;
  /**
   * In a YAML descriptor: path of the policy text (any format), relative to the descriptor; its bytes are the content digest.
   */
  document?: string;
}
