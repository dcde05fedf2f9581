#!/usr/bin/env node
// Process glue only: run the CLI and set the exit code (never process.exit(),
// which can cut off piped output). loadCli picks the build's bundle when current.
import { loadCli } from "../dist/cli/load.js";

// A reader that goes away (`preclear check | head`) is not an error of ours:
// stop writing quietly instead of dying with a stack trace on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

loadCli()
  .then(({ run }) => run(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(
        `preclear: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
