/**
 * The JSON report and its schema: every report validates against
 * schemas/report.schema.json (JSON Schema 2020-12), which documents every
 * property, and `preclear schema report` prints it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { renderJson } from "../../src/report/json.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { build, EXAMPLE, EXAMPLE_AS_OF, HOSTILE, SMALL } from "./helpers/reports.js";

const SCHEMA_FILE = path.join(REPO_ROOT, "schemas", "report.schema.json");
const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const addFormats =
    (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule;
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(schema);
}

describe("JSON report", () => {
  const validate = validator();

  test.each([
    ["the example", EXAMPLE, EXAMPLE_AS_OF],
    ["the small fixture", SMALL, "2018-04-18"],
    ["the hostile fixture", HOSTILE, "2018-04-10"],
  ])("%s validates against schemas/report.schema.json", (_name, file, asOf) => {
    const json = JSON.parse(renderJson(build(file, asOf).report)) as unknown;
    const valid = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test("carries the clearance sheet, gaps, capacity, timeline, graph, scope and digests", () => {
    const json = JSON.parse(renderJson(build(SMALL, "2018-04-18").report)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(json)).toEqual([
      "$schema",
      "apiVersion",
      "kind",
      "generator",
      "asOf",
      "draft",
      "summary",
      "clearanceSheet",
      "blockingGaps",
      "otherFindings",
      "stakeholders",
      "capacity",
      "timeline",
      "coordinationGraph",
      "undecided",
      "ruledOut",
      "ruledOutItems",
      "sources",
      "facts",
      "digests",
    ]);
    expect(json.$schema).toBe(schema.$id);
    expect(json.generator).toEqual({ name: "preclear", version: "1.2.3" });
  });

  test("a report missing a field, or with an unknown one, is invalid", () => {
    const json = JSON.parse(renderJson(build(SMALL, "2018-04-18").report)) as Record<
      string,
      unknown
    >;
    const { digests: _digests, ...missing } = json;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...json, extra: true })).toBe(false);
  });
});

describe("schemas/report.schema.json", () => {
  test("is JSON Schema 2020-12 with the preclear $id", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe("https://preclear.dev/schemas/v1/report.schema.json");
  });

  test("describes every property and definition, and gives examples", () => {
    const undocumented: string[] = [];
    let examples = 0;
    const visit = (node: unknown, at: string) => {
      if (!node || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      if (Array.isArray(n.examples)) examples++;
      for (const key of ["properties", "$defs"]) {
        const children = n[key] as Record<string, unknown> | undefined;
        for (const [name, child] of Object.entries(children ?? {})) {
          if (typeof (child as { description?: unknown }).description !== "string") {
            undocumented.push(`${at}/${key}/${name}`);
          }
          visit(child, `${at}/${key}/${name}`);
        }
      }
      for (const key of ["items", "anyOf"]) {
        const child = n[key];
        if (Array.isArray(child)) child.forEach((c, i) => visit(c, `${at}/${key}/${i}`));
        else visit(child, `${at}/${key}`);
      }
    };
    visit(schema, "#");
    expect(undocumented).toEqual([]);
    expect(examples).toBeGreaterThan(5);
  });

  test("`preclear schema report` prints it", async () => {
    const result = await runCli(["schema", "report"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(schema);
  });
});
