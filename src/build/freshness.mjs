#!/usr/bin/env node
// Is dist/ the build of the sources as they are now? The first and last steps
// of `npm run build` (src/build/build.mjs) record when a build began
// (dist/.build-stamp); dist/ is current when no build input changed since.
// Tests that run the built CLI use this to refuse, or redo, a stale build
// (test/setup/build.mjs), so they never test whatever dist/ happened to hold.
//
//   node src/build/freshness.mjs   exits 0 when dist/ is current, 1 (saying why) when not.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const STAMP = path.join(ROOT, "dist", ".build-stamp");

/** What a build reads: a change to any of these makes dist/ stale. */
export const BUILD_INPUTS = [
  "src",
  "schemas",
  "checklists",
  "bin",
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "rollup.config.mjs",
];

/** The newest modification among the build inputs: [time in ms, file]. */
export function newestInput(root = ROOT) {
  let newest = [0, ""];
  const visit = (file) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file)) visit(path.join(file, entry));
    } else if (stat.mtimeMs > newest[0]) {
      newest = [stat.mtimeMs, file];
    }
  };
  for (const input of BUILD_INPUTS) visit(path.join(root, input));
  return newest;
}

/** Why dist/ is not the build of the current sources, or undefined when it is. */
export function staleReason(root = ROOT) {
  let began;
  try {
    began = Number(readFileSync(path.join(root, "dist", ".build-stamp"), "utf8"));
  } catch {
    return "dist/ holds no finished build (no dist/.build-stamp)";
  }
  const [time, file] = newestInput(root);
  if (!(time < began)) {
    return `${path.relative(root, file)} changed after the last build began`;
  }
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reason = staleReason();
  if (reason) {
    process.stderr.write(`dist/ is stale: ${reason}; run \`npm run build\`\n`);
    process.exitCode = 1;
  }
}
