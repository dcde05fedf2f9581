/**
 * JSON Schema validation with ajv, with errors turned into plain sentences at
 * the position of the node the user must edit.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DIST_URL, PACKAGE_ROOT_URL } from "../root.js";
import { createRequire } from "node:module";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type * as Ajv2020Module from "ajv/dist/2020.js";
import type { ErrorObject, Options, ValidateFunction } from "ajv";
import type { Diagnostic } from "../diagnostics.js";
import { locate } from "./yaml.js";
import type { LoadedYaml, PathSegment } from "./yaml.js";

import type { SchemaName } from "./schema-names.js";

export type { SchemaName } from "./schema-names.js";

const SCHEMA_DIR = new URL("schemas/", PACKAGE_ROOT_URL);

export function schemaPath(name: SchemaName): URL {
  return new URL(`${name}.schema.json`, SCHEMA_DIR);
}

export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(name), "utf8")) as Record<string, unknown>;
}

// ajv is loaded only when a schema must be compiled at run time: the build
// precompiles every schema into dist/validators/<name>.cjs (src/build/precompile.ts).
const requireModule = createRequire(import.meta.url);

/** An ajv instance with preclear's options and formats (also what the build precompiles with). */
export function createAjv(options: Options = {}): Ajv2020 {
  const { Ajv2020: AjvClass } = requireModule("ajv/dist/2020.js") as typeof Ajv2020Module;
  // verbose: errors carry their parentSchema, which "did you mean" hints read.
  const ajv = new AjvClass({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    ...options,
  });
  const addFormats = requireModule("ajv-formats") as (a: Ajv2020, formats: string[]) => void;
  addFormats(ajv, ["date", "date-time", "uri"]);
  return ajv;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

function getAjv(): Ajv2020 {
  if (!ajv) {
    ajv = createAjv();
    // The review schema refers to the draft schema's fact values.
    ajv.addSchema(readSchema("draft"));
  }
  return ajv;
}

export function validator(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = precompiledValidator(name);
    if (!fn) {
      const a = getAjv();
      const schema = readSchema(name);
      fn = a.getSchema(String(schema.$id)) ?? a.compile(schema);
    }
    compiled.set(name, fn);
  }
  return fn;
}

/** What the build writes to dist/validators/<name>.cjs. */
export interface PrecompiledValidatorModule {
  validate: ValidateFunction;
  /** sha256 of each schema file the validator was generated from, by file name. */
  schemaDigests: Record<string, string>;
}

/**
 * The build's validator for `name`, unless it is missing (running from src/)
 * or stale (a schema changed since the build): then it is compiled here.
 */
function precompiledValidator(name: SchemaName): ValidateFunction | undefined {
  let module: PrecompiledValidatorModule;
  try {
    module = requireModule(
      fileURLToPath(new URL(`validators/${name}.cjs`, DIST_URL)),
    ) as PrecompiledValidatorModule;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
  for (const [file, digest] of Object.entries(module.schemaDigests)) {
    if (schemaFileDigest(file) !== digest) return undefined;
  }
  return module.validate;
}

const fileDigests = new Map<string, string | undefined>();

/** sha256 of a file in schemas/ (undefined when unreadable), once per process. */
export function schemaFileDigest(file: string): string | undefined {
  if (!fileDigests.has(file)) {
    let digest: string | undefined;
    try {
      const text = readFileSync(new URL(file, SCHEMA_DIR));
      digest = `sha256:${createHash("sha256").update(text).digest("hex")}`;
    } catch {
      digest = undefined;
    }
    fileDigests.set(file, digest);
  }
  return fileDigests.get(file);
}

/** Validate `value` (found at `basePath` inside `loaded`) against a schema. */
export function validateAgainst(
  name: SchemaName,
  loaded: LoadedYaml,
  value: unknown,
  basePath: readonly PathSegment[] = [],
): Diagnostic[] {
  const validate = validator(name);
  if (validate(value)) return [];
  return explainErrors(validate.errors ?? [], loaded, basePath);
}

/** The most schema problems explained, one line each, for one file. */
export const MAX_PROBLEMS_PER_FILE = 1000;

/** ajv errors → sorted, de-duplicated, plain sentences with positions. */
export function explainErrors(
  errors: readonly ErrorObject[],
  loaded: LoadedYaml,
  basePath: readonly PathSegment[] = [],
): Diagnostic[] {
  // An anyOf that failed says it better than each of its branches. (Schema
  // paths repeat for every instance: a set keeps this linear in the errors.)
  const anyOfPaths = [
    ...new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.schemaPath)),
  ];
  const kept = errors.filter(
    (e) =>
      e.keyword !== "if" &&
      !anyOfPaths.some(
        (p) => e.schemaPath !== p && e.schemaPath.startsWith(p.replace(/anyOf$/, "")),
      ),
  );
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  // A file with 100,000 unknown keys needs no 100,000 lines: the first
  // MAX_PROBLEMS_PER_FILE are explained, the rest counted.
  const shown = kept.length > MAX_PROBLEMS_PER_FILE ? kept.slice(0, MAX_PROBLEMS_PER_FILE) : kept;
  for (const error of shown) {
    const path = [...basePath, ...pointerToPath(error.instancePath)];
    const { message, at, key } = sentence(error, path);
    const location = locate(loaded, at, { key });
    const id = `${location.line}:${location.column}:${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    diagnostics.push({ location, message });
  }
  diagnostics.sort(
    (a, b) =>
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      (a.message < b.message ? -1 : 1),
  );
  if (kept.length > shown.length) {
    const last = diagnostics[diagnostics.length - 1]!.location;
    diagnostics.push({
      location: { file: last.file, line: last.line, column: last.column },
      message: `and ${kept.length - shown.length} more schema problems in this file, not listed; fix these first`,
    });
  }
  return diagnostics;
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The name a user sees for the node at `path`: `severity`, `items[2]`. */
function nameOf(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return "the document";
  if (typeof last === "number") {
    const parent = path[path.length - 2];
    return parent === undefined ? `item ${last + 1}` : `\`${String(parent)}[${last}]\``;
  }
  return `\`${last}\``;
}

const PATTERN_PHRASES: Record<string, string> = {
  "^[a-z][a-z0-9-]{1,63}$":
    "must be 2–64 lower-case letters, digits or dashes, starting with a letter",
  "^[a-z][a-z0-9-]{0,63}$":
    "must be lower-case letters, digits or dashes, starting with a letter (at most 64)",
  "^[a-z0-9][a-z0-9-]{0,127}$": "must be lower-case letters, digits or dashes (at most 128)",
  "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$":
    "must be an ISO 8601 duration in days, weeks, months or years, e.g. P30D",
  "^sha256:[0-9a-f]{64}$": 'must be "sha256:" followed by 64 lower-case hex digits',
  "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$":
    "must be a semantic version, MAJOR.MINOR.PATCH (e.g. 1.2.0)",
  "^[a-zA-Z][a-zA-Z0-9_]{0,63}$":
    "must be letters, digits or underscores, starting with a letter (at most 64)",
};

function listOf(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join(", ");
}

/**
 * After "must be a mapping": what the file probably meant. A key that is
 * itself a field of the expected mapping (`status:` under `items:`) was
 * indented one level too little; an empty key (`caseload:`) lost what was
 * meant to be indented under it; otherwise, the fields such a mapping has.
 */
function shapeHint(error: ErrorObject, path: readonly PathSegment[]): string {
  if (String((error.params as { type?: unknown }).type) !== "object") return "";
  const schema = error.parentSchema as
    { properties?: Record<string, unknown>; required?: string[] } | undefined;
  const fields = Object.keys(schema?.properties ?? {});
  if (fields.length === 0) return "";
  const key = path.at(-1);
  const example = (schema?.required ?? [])[0] ?? fields[0]!;
  if (typeof key === "string" && fields.includes(key))
    return ` — \`${key}:\` looks like a field of the entry above it, indented one level too little; indent it under that entry`;
  if (error.data === null && typeof key === "string")
    return ` — nothing is indented under \`${key}:\`; its fields go two spaces further in (e.g. \`${example}: …\`)`;
  return ` with fields such as ${fields
    .slice(0, 3)
    .map((f) => `\`${f}:\``)
    .join(", ")}`;
}

function typeName(t: string): string {
  return t === "object"
    ? "a mapping"
    : t === "array"
      ? "a list"
      : t === "integer"
        ? "a whole number"
        : `a ${t}`;
}

function sentence(
  error: ErrorObject,
  path: readonly PathSegment[],
): { message: string; at: readonly PathSegment[]; key?: boolean } {
  const params = error.params as Record<string, unknown>;
  const name = nameOf(path);
  // 1e309 and .inf parse to Infinity, .nan to NaN: no type fits, say why.
  if (typeof error.data === "number" && !Number.isFinite(error.data)) {
    const why = Number.isNaN(error.data) ? "is .nan" : "overflows to infinity";
    return { message: `${name} must be a finite number (this one ${why})`, at: path };
  }
  switch (error.keyword) {
    case "required":
      return { message: `\`${String(params.missingProperty)}\` is required`, at: path };
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys(
        ((error.parentSchema as { properties?: Record<string, unknown> })?.properties ??
          {}) as object,
      );
      const hint = closest(extra, allowed);
      return {
        message: `unknown property \`${extra}\`${hint ? ` (did you mean \`${hint}\`?)` : ""}`,
        at: [...path, extra],
        key: true,
      };
    }
    case "enum":
      return {
        message: `${name} must be one of ${listOf(params.allowedValues as unknown[])}`,
        at: path,
      };
    case "const":
      return { message: `${name} must be ${String(params.allowedValue)}`, at: path };
    case "type": {
      const types = String(params.type).split(",").map(typeName);
      return {
        message: `${name} must be ${types.join(" or ")}${shapeHint(error, path)}`,
        at: path,
      };
    }
    case "pattern": {
      const phrase = PATTERN_PHRASES[String(params.pattern)];
      return {
        message: `${name} ${phrase ?? `must match the pattern ${String(params.pattern)}`}`,
        at: path,
      };
    }
    case "format": {
      const format = String(params.format);
      const what =
        format === "date"
          ? "a calendar date (YYYY-MM-DD)"
          : format === "date-time"
            ? "a date and time (ISO 8601, e.g. 2018-03-20T14:02:11Z)"
            : format === "uri"
              ? "an absolute URL"
              : `a valid ${format}`;
      return { message: `${name} must be ${what}`, at: path };
    }
    case "minLength":
      return {
        message: Number(params.limit) === 1 ? `${name} must not be empty` : `${name} is too short`,
        at: path,
      };
    case "maxLength":
      return { message: `${name} is longer than ${String(params.limit)} characters`, at: path };
    case "minItems":
      return {
        message: `${name} must have at least ${String(params.limit)} entr${Number(params.limit) === 1 ? "y" : "ies"}`,
        at: path,
      };
    case "uniqueItems":
      return {
        message: `${name} lists the same value twice (entries ${Number(params.j) + 1} and ${Number(params.i) + 1})`,
        at: [...path, Number(params.i)],
      };
    case "minimum":
    case "maximum":
      return {
        message: `${name} must be ${error.keyword === "minimum" ? "at least" : "at most"} ${String(params.limit)}`,
        at: path,
      };
    case "propertyNames":
      return {
        message: `key \`${String(params.propertyName)}\` is not a valid name`,
        at: [...path, String(params.propertyName)],
        key: true,
      };
    case "anyOf":
      return {
        message: `${name} must be a boolean, a number, a string or a list of strings`,
        at: path,
      };
    default:
      return { message: `${name} ${error.message ?? "is invalid"}`, at: path };
  }
}

/** " (did you mean `x`?)" for a close spelling among `candidates`, else "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const hint = closest(word, candidates);
  return hint ? ` (did you mean \`${hint}\`?)` : "";
}

/** A close spelling among `candidates`, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    // The distance is at least the difference in length: most candidates
    // are ruled out without computing it (20,000 unknown items × every id).
    if (Math.abs(c.length - word.length) >= bestDistance) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
