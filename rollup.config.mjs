// `npm run build`, after tsc: dist/cli/main.js and everything it imports,
// node_modules included, as a few CommonJS files: one for start-up and one
// per lazily imported command (dist/bundle/). Node then reads a handful of
// files instead of a few hundred, and src/cli/load.ts can run them with V8's
// code cache (written by src/build/warm-bundle.mjs).
import { builtinModules } from "node:module";
import commonjs from "@rollup/plugin-commonjs";
import json from "@rollup/plugin-json";
import { nodeResolve } from "@rollup/plugin-node-resolve";

/**
 * commander requires node:child_process when it loads, for executable
 * subcommands preclear never has; with it come net, dgram and more, about
 * 3 ms of every run. Here it is required on first use instead.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  transform(code, id) {
    const eager = "const childProcess = require('node:child_process');";
    if (!id.includes("/commander/lib/command.js") || !code.includes(eager)) return null;
    return code.replace(
      eager,
      "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    );
  },
};

// Chunk names carry content hashes: src/build/build.mjs empties dist/ before
// this runs, so no stale chunk (or code cache) stays. Loading this file has no
// side effects.
export default {
  input: { preclear: "dist/cli/main.js" },
  output: {
    // Two levels below the package root, like dist/cli/ and dist/core/, so
    // paths relative to import.meta.url (schemas/, checklists/) still hold.
    dir: "dist/bundle",
    format: "cjs",
    entryFileNames: "[name].cjs",
    chunkFileNames: "[name]-[hash].cjs",
    generatedCode: "es2015",
  },
  external: (id) => id.startsWith("node:") || builtinModules.includes(id),
  plugins: [
    lazyChildProcess,
    nodeResolve({ preferBuiltins: true, exportConditions: ["node"] }),
    // The lazy require above must stay a require, not become a hoisted import.
    commonjs({ ignore: ["node:child_process"] }),
    json(),
  ],
  onwarn(warning, warn) {
    // cel-js's registry and functions modules import each other; harmless.
    if (warning.code === "CIRCULAR_DEPENDENCY") return;
    warn(warning);
  },
};
