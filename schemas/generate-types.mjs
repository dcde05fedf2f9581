#!/usr/bin/env node
// Generates src/core/types/*.ts from the JSON Schemas: the schemas are the one
// source of truth for the file kinds. `npm run gen:types` rewrites the files;
// `--check` (run by the tests) fails when they are out of date.
import { compile } from "json-schema-to-typescript";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const KINDS = {
  checklist: "Checklist",
  draft: "Draft",
  review: "Review",
  response: "Response",
  report: "Report",
};

export async function generate(kind) {
  const schema = JSON.parse(
    readFileSync(path.join(root, "schemas", `${kind}.schema.json`), "utf8"),
  );
  delete schema.examples;
  const body = await compile(schema, KINDS[kind], {
    bannerComment: `/* Generated from schemas/${kind}.schema.json by schemas/generate-types.mjs. Do not edit. */`,
    cwd: path.join(root, "schemas"),
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { printWidth: 100 },
  });
  return body;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const kind of Object.keys(KINDS)) {
    const target = path.join(root, "src", "core", "types", `${kind}.ts`);
    const text = await generate(kind);
    if (check) {
      let current = "";
      try {
        current = readFileSync(target, "utf8");
      } catch {
        /* missing counts as stale */
      }
      if (current !== text) {
        console.error(`${path.relative(root, target)} is out of date: run npm run gen:types`);
        stale++;
      }
    } else {
      writeFileSync(target, text);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
