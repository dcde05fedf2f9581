#!/usr/bin/env node
// Last step of `npm run build`: run the bundle (dist/bundle/) on the commands
// a CI gate runs most, then write V8's code cache of each bundle file, so
// later runs start with those functions compiled (see src/cli/load.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUNDLE_ENTRY, BundleLoader } from "../../dist/cli/load.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const sink = { write: () => true, isTTY: false };
const io = { stdout: sink, stderr: sink, stdinIsTTY: false, env: {}, cwd: root };
const loader = new BundleLoader({ useCache: false });
const { run } = loader.require(BUNDLE_ENTRY);
for (const args of [
  ["check", "examples/zero-tolerance-2018.md"],
  ["validate", "checklists/doj-significant-policy.yaml"],
  ["explain", "examples/zero-tolerance-2018.md"],
]) {
  await run(args, io);
}
loader.writeCaches();
