#!/usr/bin/env node
// `npm run build`: every step in order, from a clean dist/.
//   1. remove dist/ (files of moved or deleted modules must not linger, nor ship);
//      src/build/inline-css.mjs → src/report/stylesheet.ts (the report CSS as a string)
//   2. tsc -p tsconfig.build.json          → dist/ (the library and the CLI, with .d.ts)
//   3. src/build/write-precompiled.mjs     → dist/validators/, dist/checklists.json
//   4. rollup -c                           → dist/bundle/ (the CLI for bin/preclear.js)
//   5. src/build/warm-bundle.mjs           → dist/bundle/*.cache (V8 code cache)
//   6. dist/.build-stamp: when this build began (src/build/freshness.mjs reads it)
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ROOT, STAMP } from "./freshness.mjs";

const require = createRequire(import.meta.url);
const began = Date.now();
const node = (script, ...args) =>
  execFileSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: "inherit" });

rmSync(path.join(ROOT, "dist"), { recursive: true, force: true });
node(path.join(ROOT, "src", "build", "inline-css.mjs"));
node(require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json");
node(path.join(ROOT, "src", "build", "write-precompiled.mjs"));
node(require.resolve("rollup/dist/bin/rollup"), "-c", "--silent");
node(path.join(ROOT, "src", "build", "warm-bundle.mjs"));
mkdirSync(path.dirname(STAMP), { recursive: true });
writeFileSync(STAMP, String(began));
