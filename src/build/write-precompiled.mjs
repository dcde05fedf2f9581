#!/usr/bin/env node
// Part of `npm run build`, after tsc: writes the precompiled validators and
// built-in checklists (see src/build/precompile.ts) into dist/.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { precompiledChecklists, validatorModules } from "../../dist/build/precompile.js";

const dist = new URL("../../dist/", import.meta.url);
const validators = new URL("validators/", dist);
rmSync(validators, { recursive: true, force: true });
mkdirSync(validators, { recursive: true });
for (const [name, source] of validatorModules()) {
  writeFileSync(new URL(`${name}.cjs`, validators), source);
}
writeFileSync(new URL("checklists.json", dist), precompiledChecklists());
