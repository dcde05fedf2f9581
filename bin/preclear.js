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

const args = process.argv.slice(2);
// `preclear --version` alone needs only the version: no CLI, no commander.
// (The same text as the CLI's own --version; test/e2e/binary.test.ts.)
const cli =
  args.length === 1 && (args[0] === "--version" || args[0] === "-v")
    ? import("../dist/cli/version.js").then(({ VERSION }) => ({
        run: async () => {
          process.stdout.write(`${VERSION}\n`);
          return 0;
        },
      }))
    : loadCli();

cli
  .then(({ run }) => run(args))
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
