#!/usr/bin/env node
// Process glue only: run the CLI and set the exit code (never process.exit(),
// which can cut off piped output).
import { run } from "../dist/cli/main.js";

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`preclear: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
