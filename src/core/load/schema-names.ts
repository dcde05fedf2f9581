/** The JSON Schemas preclear ships (schemas/<name>.schema.json), listed once. */
export const SCHEMA_NAMES = [
  "checklist",
  "draft",
  "review",
  "response",
  "report",
  "config",
  "trusted-keys",
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];
