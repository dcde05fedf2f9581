/**
 * What the build precompiles (src/build/precompile.ts) is current with its
 * sources and behaves exactly as what a run would compute itself: the ajv
 * validators in dist/validators/ and the parsed built-in checklists in
 * dist/checklists.json. Needs `npm run build` first, as the CI does.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { parse } from "yaml";
import {
  precompiledChecklists,
  schemaNames,
  validatorModules,
} from "../../src/build/precompile.js";
import { createAjv, readSchema } from "../../src/core/load/schemas.js";
import type { SchemaName } from "../../src/core/load/schemas.js";
import { REPO_ROOT, runCli, spawnCli } from "../helpers/cli.js";

const DIST = path.join(REPO_ROOT, "dist");

function built(file: string): string {
  const full = path.join(DIST, file);
  if (!existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`);
  return readFileSync(full, "utf8");
}

/** A generated validator module, loaded from its source as Node would load the .cjs. */
function loadValidator(source: string): ValidateFunction {
  const module = { exports: {} as { validate?: ValidateFunction } };
  const requireHere = createRequire(path.join(DIST, "validators", "generated.cjs"));
  new Function("module", "exports", "require", source)(module, module.exports, requireHere);
  return module.exports.validate!;
}

describe("precompiled validators", () => {
  const modules = validatorModules();

  test("one per schema in schemas/, as the build wrote them", () => {
    expect([...modules.keys()]).toEqual(schemaNames());
    expect(readdirSync(path.join(DIST, "validators")).sort()).toEqual(
      schemaNames().map((n) => `${n}.cjs`),
    );
    for (const [name, source] of modules) {
      expect({ name, source: built(`validators/${name}.cjs`) }).toEqual({ name, source });
    }
  });

  test("report the same errors as validators compiled at run time", () => {
    const ajv = createAjv();
    ajv.addSchema(readSchema("draft"));
    const compiled = (name: SchemaName) => {
      const schema = readSchema(name);
      return ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema);
    };
    const documents: Array<[SchemaName, unknown]> = [];
    for (const file of readdirSync(path.join(REPO_ROOT, "checklists"))) {
      const checklist = parse(readFileSync(path.join(REPO_ROOT, "checklists", file), "utf8"));
      documents.push(["checklist", checklist]);
      documents.push([
        "checklist",
        { ...checklist, id: "Bad_Id", version: "one", colour: "blue", extends: [1] },
      ]);
    }
    const review = parse(
      readFileSync(path.join(REPO_ROOT, "examples", "zero-tolerance-2018.review.yaml"), "utf8"),
    );
    documents.push(["review", review]);
    documents.push(["review", { ...review, facts: { a: { b: 1 } }, stakeholders: { X: {} } }]);
    documents.push(["draft", { id: "x", title: "", checklists: [], issuanceDate: "2018-02-30" }]);
    documents.push(["config", { failOn: "fatal", limits: { maxDepth: -1 } }]);
    for (const [name, document] of documents) {
      const precompiled = loadValidator(modules.get(name)!);
      const runtime = compiled(name);
      expect(precompiled(document)).toBe(runtime(document));
      expect(precompiled.errors ?? null).toEqual(runtime.errors ?? null);
    }
  });
});

describe("precompiled built-in checklists", () => {
  test("are the built-in checklists as they are now", () => {
    expect(built("checklists.json")).toBe(precompiledChecklists());
  });

  test("report positions inside a built-in exactly as a parsed one does", async () => {
    // The cycle closes at base-policy's own `dependsOn`, so the message points
    // into the built-in: the built binary must parse it for the position.
    const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-precompiled-"));
    try {
      writeFileSync(
        path.join(dir, "local.yaml"),
        [
          "apiVersion: preclear/v1",
          "kind: Checklist",
          "id: local-cycle",
          "title: A local checklist closing a dependsOn cycle",
          "version: 1.0.0",
          "extends: [base-policy]",
          "stakeholders:",
          "  - id: legal-counsel",
          "    dependsOn: [omb-oira]",
          "",
        ].join("\n"),
      );
      const inProcess = await runCli(["validate", "local.yaml"], { cwd: dir });
      const binary = spawnCli(["validate", "local.yaml"], { cwd: dir, env: { NO_COLOR: "1" } });
      expect(inProcess.stdout).toMatch(/base-policy\.yaml:\d+:\d+: dependsOn cycle/);
      expect({ code: binary.code, stdout: binary.stdout, stderr: binary.stderr }).toEqual(
        inProcess,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
