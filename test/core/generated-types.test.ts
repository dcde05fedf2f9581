/**
 * One source of truth: src/core/types/*.ts are generated from the JSON
 * Schemas. If someone edits a schema without regenerating, this fails and
 * says which file is stale.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../helpers/cli.js";

test("the TypeScript types in src/core/types match the schemas (`npm run gen:types` is up to date)", () => {
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, "schemas", "generate-types.mjs"), "--check"],
    { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 },
  );
  expect(result.error).toBeUndefined();
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});
