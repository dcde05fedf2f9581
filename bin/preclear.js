#!/usr/bin/env node
// Process glue only: run the CLI and set the exit code (never process.exit(),
// which can cut off piped output). loadCli picks the build's bundle when current.
import { loadCli } from "../dist/cli/load.js";

// Whatever goes wrong out here is one line on stderr and exit 2 (SPEC §5):
// never a stack trace, never exit 1 (which would read as "problems found").
let failed = false;
function fail(message) {
  if (!failed) {
    failed = true;
    try {
      // One line, no control characters: an error message may quote input.
      const line = String(message)
        .split(/\r?\n/)[0]
        .replace(/\p{Cc}/gu, " ");
      process.stderr.write(`preclear: ${line}\n`);
    } catch {
      // stderr is gone too: the exit code still says it.
    }
  }
  process.exitCode = 2;
}

// A reader that goes away (`preclear check | head`) is not an error of ours:
// stop writing quietly. Any other write error (`> /dev/full`: ENOSPC) is one
// line and exit 2.
for (const [name, stream] of [
  ["standard output", process.stdout],
  ["standard error", process.stderr],
]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") return;
    fail(`cannot write to ${name}: ${error.code ?? error.message}`);
  });
}

process.on("uncaughtException", (error) => {
  fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
});
process.on("unhandledRejection", (error) => {
  fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
});

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
      process.exitCode = failed ? 2 : code;
    },
    (error) => {
      fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
