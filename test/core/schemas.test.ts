/**
 * The JSON Schemas are the single source of truth for the file kinds: what
 * `preclear schema` prints validates the built-in checklists, documents every
 * property for editors, and carries examples that are themselves valid. Schema
 * errors reach users as sorted, de-duplicated plain sentences.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { explainErrors, validator } from "../../src/core/load/schemas.js";
import { parseYaml } from "../../src/core/load/yaml.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";

const CHECKLIST_DIR = path.join(REPO_ROOT, "checklists");
const BUILTIN_CHECKLISTS = readdirSync(CHECKLIST_DIR)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
const KINDS = ["checklist", "draft", "review", "config"] as const;

type Schema = Record<string, unknown>;

/** What `preclear schema KIND` prints, parsed. */
async function printedSchema(kind: string): Promise<Schema> {
  const { code, stdout, stderr } = await runCli(["schema", kind]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return JSON.parse(stdout) as Schema;
}

/** An ajv like an editor's: draft 2020-12, formats, every printed schema registered. */
async function schemaAjv(): Promise<Ajv2020> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const addFormats =
    (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule;
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  for (const kind of KINDS) ajv.addSchema(await printedSchema(kind));
  return ajv;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("; ");
}

/** Every `properties` entry anywhere in the schema, with its JSON pointer. */
function propertiesOf(schema: unknown, pointer = "#"): Array<{ pointer: string; schema: Schema }> {
  const found: Array<{ pointer: string; schema: Schema }> = [];
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: schema, pointer }];
  while (stack.length > 0) {
    const { node, pointer: at } = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      node.forEach((child, i) => stack.push({ node: child, pointer: `${at}/${i}` }));
      continue;
    }
    for (const [key, child] of Object.entries(node as Schema)) {
      if (key === "examples" || key === "enum" || key === "const") continue;
      if (key === "properties" && child && typeof child === "object") {
        for (const [name, property] of Object.entries(child as Schema)) {
          found.push({ pointer: `${at}/properties/${name}`, schema: property as Schema });
        }
      }
      stack.push({ node: child, pointer: `${at}/${key}` });
    }
  }
  return found;
}

/**
 * A property is documented when it has a description, or is a bare local
 * `$ref` to a definition that has one (editors show the target's).
 */
function describedAt(root: Schema, property: Schema): boolean {
  if (typeof property.description === "string" && property.description !== "") return true;
  const ref = property.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return false;
  let target: unknown = root;
  for (const segment of ref.slice(2).split("/")) {
    target = (target as Schema | undefined)?.[segment];
  }
  return Boolean(target && typeof target === "object" && describedAt(root, target as Schema));
}

describe("preclear schema", () => {
  test.each(KINDS)(
    "`schema %s` prints valid JSON with an `$id` and a draft 2020-12 `$schema`",
    async (kind) => {
      const schema = await printedSchema(kind);
      expect(schema.$id).toBe(`https://preclear.dev/schemas/v1/${kind}.schema.json`);
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    },
  );

  test.each(KINDS)(
    "every property of the %s schema has a description (editors show it)",
    async (kind) => {
      const schema = await printedSchema(kind);
      const undocumented = propertiesOf(schema)
        .filter(({ schema: property }) => !describedAt(schema, property))
        .map(({ pointer }) => pointer);
      expect(undocumented).toEqual([]);
    },
  );

  test.each(KINDS)("the %s schema has examples, and each is valid against it", async (kind) => {
    const schema = await printedSchema(kind);
    const examples = schema.examples as unknown[] | undefined;
    expect(Array.isArray(examples) && examples.length > 0).toBe(true);
    const validate = (await schemaAjv()).getSchema(String(schema.$id))!;
    for (const example of examples!) {
      const valid = validate(example);
      expect(describeErrors(validate.errors)).toBe("");
      expect(valid).toBe(true);
    }
  });
});

describe("the built-in checklists", () => {
  test("there are the seven of the second edition (SPEC section 9 and issue 15)", () => {
    expect(BUILTIN_CHECKLISTS).toEqual([
      "base-policy.yaml",
      "border-prosecution.yaml",
      "doj-components.yaml",
      "doj-significant-policy.yaml",
      "interagency-agreement.yaml",
      "usao-districts.yaml",
      "usms-orr-communication.yaml",
    ]);
  });

  test.each(BUILTIN_CHECKLISTS)(
    "%s is valid against the schema `preclear schema checklist` prints",
    async (name) => {
      const schema = await printedSchema("checklist");
      const validate = (await schemaAjv()).getSchema(String(schema.$id))!;
      const checklist: unknown = parse(readFileSync(path.join(CHECKLIST_DIR, name), "utf8"));
      const valid = validate(checklist);
      expect(describeErrors(validate.errors)).toBe("");
      expect(valid).toBe(true);
    },
  );

  test.each(BUILTIN_CHECKLISTS)(
    "%s starts with a yaml-language-server modeline naming the checklist schema",
    (name) => {
      const file = path.join(CHECKLIST_DIR, name);
      const firstLine = readFileSync(file, "utf8").split("\n")[0];
      expect(firstLine).toBe("# yaml-language-server: $schema=../schemas/checklist.schema.json");
      const target = path.resolve(CHECKLIST_DIR, firstLine!.split("$schema=")[1]!);
      expect(existsSync(target)).toBe(true);
    },
  );
});

describe("explainErrors: ajv errors as plain sentences", () => {
  // One problem of each common kind, at known positions.
  const FILE = "plain.yaml";
  const TEXT = [
    "apiVersion: preclear/v1", // 1
    "kind: Checklist", // 2
    "id: Bad_Id", // 3
    "version: one", // 4
    "colour: blue", // 5
    "stakeholders:", // 6
    "  - name: U.S. Marshals Service", // 7
    "    items:", // 8
    "      - id: detention-capacity", // 9
    "        severity: critical", // 10
    "        due: 30 days", // 11
    "        evidence: [contact, contact]", // 12
    "",
  ].join("\n");

  function explained() {
    const loaded = parseYaml(FILE, TEXT);
    const validate = validator("checklist");
    expect(validate(loaded.value)).toBe(false);
    const errors = [...(validate.errors ?? [])];
    return { loaded, errors };
  }

  test("each problem is one sentence at the position a user must edit, in document order", () => {
    const { loaded, errors } = explained();
    const shown = explainErrors(errors, loaded).map(
      (d) => `${d.location.line}:${d.location.column}: ${d.message}`,
    );
    expect(shown).toEqual([
      "1:1: `title` is required",
      "3:5: `id` must be 2–64 lower-case letters, digits or dashes, starting with a letter",
      "4:10: `version` must be a semantic version, MAJOR.MINOR.PATCH (e.g. 1.2.0)",
      "5:1: unknown property `colour`",
      "7:5: `id` is required",
      "10:19: `severity` must be one of blocker, major, minor",
      "11:14: `due` must be an ISO 8601 duration in days, weeks, months or years, e.g. P30D",
      "12:29: `evidence` lists the same value twice (entries 1 and 2)",
    ]);
  });

  test("the same ajv error reported twice becomes one sentence", () => {
    const { loaded, errors } = explained();
    expect(explainErrors([...errors, ...errors], loaded)).toEqual(explainErrors(errors, loaded));
  });

  test("the order ajv reports errors in does not change the order users see", () => {
    const { loaded, errors } = explained();
    expect(explainErrors([...errors].reverse(), loaded)).toEqual(explainErrors(errors, loaded));
  });

  test("no ajv jargon reaches the user", () => {
    const { loaded, errors } = explained();
    for (const { message } of explainErrors(errors, loaded)) {
      expect(message).not.toMatch(/must have required property/);
      expect(message).not.toMatch(/must NOT have additional properties/);
      expect(message).not.toMatch(/must be equal to one of the allowed values/);
      expect(message).not.toMatch(/must match (the )?pattern/);
      expect(message).not.toMatch(/\binstancePath\b|#\/\$defs|\/properties\//);
      expect(message).not.toContain("\n");
    }
  });

  test("a misspelt property gets a did-you-mean hint from the schema's own property names", () => {
    const loaded = parseYaml(
      FILE,
      "apiVersion: preclear/v1\nkind: Checklist\nid: x1\ntitle: T\nversion: 1.0.0\nstakeholdres: []\n",
    );
    const validate = validator("checklist");
    validate(loaded.value);
    const messages = explainErrors(validate.errors ?? [], loaded).map(
      (d) => `${d.location.line}:${d.location.column}: ${d.message}`,
    );
    expect(messages).toEqual([
      "1:1: `stakeholders` is required",
      "6:1: unknown property `stakeholdres` (did you mean `stakeholders`?)",
    ]);
  });

  test("positions are relative to a base path inside a larger document", () => {
    const loaded = parseYaml(
      FILE,
      "preclear:\n  id: zt\n  title: ''\n  checklists: [base-policy]\n",
    );
    const validate = validator("draft");
    const block = (loaded.value as { preclear: unknown }).preclear;
    expect(validate(block)).toBe(false);
    const messages = explainErrors(validate.errors ?? [], loaded, ["preclear"]).map(
      (d) => `${d.location.line}:${d.location.column}: ${d.message}`,
    );
    expect(messages).toEqual(["3:10: `title` must not be empty"]);
  });
});
