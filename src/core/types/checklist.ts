/* Generated from schemas/checklist.schema.json by schemas/generate-types.mjs. Do not edit. */

/**
 * A checklist id: lower-case letters, digits and dashes, starting with a letter.
 */
export type ChecklistId = string;
/**
 * An id: lower-case letters, digits and dashes, starting with a letter.
 */
export type LocalId = string;

/**
 * A reusable, versioned description of who must be coordinated with, and what must be established with each, for a class of policy.
 */
export interface Checklist {
  /**
   * Optional JSON Schema reference for editors.
   */
  $schema?: string;
  /**
   * File format version; always preclear/v1.
   */
  apiVersion: "preclear/v1";
  /**
   * The kind of file; always Checklist here.
   */
  kind: "Checklist";
  /**
   * Unique id of the checklist, used by drafts and by extends.
   */
  id: string;
  /**
   * Human-readable title.
   */
  title: string;
  /**
   * Semantic version of the checklist (MAJOR.MINOR.PATCH).
   */
  version: string;
  /**
   * What class of policy the checklist covers (Markdown).
   */
  description?: string;
  /**
   * Ids of checklists (built-in or local) whose stakeholders and items this one inherits; later entries and this checklist override earlier ones by id.
   */
  extends?: ChecklistId[];
  /**
   * Citations that items refer to by id.
   */
  sources?: Source[];
  /**
   * Scoping questions about the draft, keyed by fact name; CEL conditions read them as facts.<name>.
   */
  facts?: {
    [k: string]: Fact;
  };
  /**
   * The components, agencies and courts that may have to be coordinated with.
   */
  stakeholders: Stakeholder[];
  /**
   * Titles of the officials who may decide over any stakeholder's objection (e.g. Deputy Attorney General); a stakeholder's own escalateTo takes precedence.
   */
  escalateTo?: string[];
}
/**
 * A citation: a report, statute, court order or directive.
 */
export interface Source {
  /**
   * Id that items cite in their sources list.
   */
  id: string;
  /**
   * Full citation, with date.
   */
  title: string;
  /**
   * Where the source can be read.
   */
  url?: string;
  /**
   * What the source is: an oversight finding, a statute, a regulation, a court order, agency guidance, or established practice (good practice rather than a finding).
   */
  kind?: "finding" | "statute" | "regulation" | "court-order" | "guidance" | "practice";
  /**
   * Where in the source: page, section or paragraph, e.g. "pp. 34-37" or "§ 1232(b)(3)".
   */
  pinpoint?: string;
}
/**
 * A scoping question about the draft.
 */
export interface Fact {
  /**
   * Value type. In CEL: boolean is bool, integer is int, number is double, string/enum/date are string (dates as YYYY-MM-DD), list is list<string>.
   */
  type: "boolean" | "integer" | "number" | "string" | "date" | "enum" | "list";
  /**
   * The question a drafter answers.
   */
  question: string;
  /**
   * More explanation shown with the question (Markdown).
   */
  help?: string;
  /**
   * Allowed values of an enum fact (required for type enum).
   *
   * @minItems 1
   */
  options?: [string, ...string[]];
  /**
   * Smallest allowed value of an integer or number fact.
   */
  minimum?: number;
  /**
   * Largest allowed value of an integer or number fact.
   */
  maximum?: number;
  /**
   * Unit of a numeric fact, e.g. defendants/month.
   */
  unit?: string;
}
/**
 * A component, agency or court to coordinate with.
 */
export interface Stakeholder {
  /**
   * Unique id within the resolved checklist.
   */
  id: string;
  /**
   * Name of the stakeholder (required unless overriding an inherited stakeholder).
   */
  name?: string;
  /**
   * Department or branch the stakeholder belongs to, e.g. DOJ, HHS, Judiciary.
   */
  agency?: string;
  /**
   * clear (default): must decide concur / concur-with-comments / non-concur and sign off. consult: must be given notice and a chance to comment; no decision is asked. inform: notice only; its items are informational (never above note).
   */
  role?: "clear" | "consult" | "inform";
  /**
   * Who must decide or be notified: staff (default) or principal (the head of the office or a deputy). A decision or sign-off below it is level-insufficient.
   */
  level?: "staff" | "principal";
  /**
   * Why this stakeholder has equities in the policy (Markdown).
   */
  description?: string;
  /**
   * CEL condition deciding whether the stakeholder is affected; default true.
   */
  appliesWhen?: string;
  /**
   * Stakeholders to coordinate with before this one; must not form a cycle.
   */
  dependsOn?: LocalId[];
  /**
   * Whether a sign-off is required (default required).
   */
  signoff?: "required" | "optional";
  /**
   * When the facts rule this stakeholder out, the review must record a scopeOut confirmation (its own office or the clearance office agreeing it is not affected); default false.
   */
  confirmScopeOut?: boolean;
  /**
   * clear role only: no decision by the suspense (plus any extension) counts as concurrence (cleared by silence); default false.
   */
  silenceIsConcurrence?: boolean;
  /**
   * The response deadline, counted from the tasking date.
   */
  suspense?: {
    /**
     * Business days after tasking: weekends and U.S. federal holidays (5 U.S.C. 6103, with observed days) are skipped.
     */
    businessDays: number;
  };
  /**
   * Titles of the officials who may decide over this office's objection (a non-concurrence escalated and overruled by anyone else is escalation-invalid).
   */
  escalateTo?: string[];
  /**
   * What must be established with the stakeholder.
   */
  items?: Item[];
  overrides?: Overrides;
}
/**
 * One thing that must be established with a stakeholder before issuance.
 */
export interface Item {
  /**
   * An id: lower-case letters, digits and dashes, starting with a letter.
   */
  id: string;
  /**
   * The question the coordination must answer (required unless overriding an inherited item).
   */
  question?: string;
  /**
   * How to answer it, what good evidence looks like (Markdown).
   */
  guidance?: string;
  /**
   * How bad it is to issue with this item open (default major).
   */
  severity?: "blocker" | "major" | "minor";
  /**
   * CEL condition deciding whether the item applies; default true.
   */
  appliesWhen?: string;
  /**
   * ISO 8601 duration before the issuance date by which the item must be done, e.g. P30D.
   */
  due?: string;
  /**
   * Fields a satisfied response must carry.
   */
  evidence?: ("contact" | "date" | "document" | "capacity" | "notes")[];
  /**
   * A quantitative check: the confirmed capacity must be at least the demand.
   */
  capacity?: {
    /**
     * CEL expression giving the numeric demand.
     */
    demand: string;
    /**
     * Unit of demand and capacity.
     */
    unit?: string;
    /**
     * By when the confirmed capacity must exist: the issuance date, or the draft's effectiveDate; a later availableOn in the review is a capacity-shortfall.
     */
    availableBy?: "issuance" | "effective";
  };
  /**
   * Ids of the checklist sources that justify the item.
   */
  sources?: LocalId[];
  /**
   * Inputs: items (stakeholder/item) whose answers this item is built on, e.g. USMS bed-days need the USAO caseload estimates. A satisfied item whose inputs are not satisfied is input-missing; validate warns when an item is due before an input.
   */
  needs?: string[];
  overrides?: Overrides;
}
/**
 * Declares that this entry deliberately weakens what another checklist defines for the same id (applicability, severity, role, sign-off, items), and why. Without it, such a weakening is a validation error.
 */
export interface Overrides {
  /**
   * Why the weaker definition is right for this class of policy; shown by check and in the report.
   */
  reason: string;
  /**
   * The fields this entry weakens on purpose.
   */
  fields?: (
    | "appliesWhen"
    | "severity"
    | "role"
    | "level"
    | "signoff"
    | "items"
    | "due"
    | "evidence"
    | "capacity"
  )[];
}
