/**
 * globalSetup of the `e2e` and `slow` projects (jest.config.js): the tests
 * run the built CLI, so dist/ must be the build of the sources as they are.
 * When it is not, build once here — before any test worker starts, so no
 * worker ever runs a half-written dist/ — under a lock, so two jest runs in
 * the same checkout do not build over each other.
 *
 * PRECLEAR_TEST_NO_BUILD=1 refuses a stale dist/ instead of building.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, rmdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, staleReason } from "../../src/build/freshness.mjs";

const LOCK = path.join(
  os.tmpdir(),
  `preclear-build-${createHash("sha256").update(ROOT).digest("hex").slice(0, 12)}.lock`,
);
/** A lock older than this was left by a build that died; take it over. */
const STALE_LOCK_MS = 10 * 60 * 1000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function lock() {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmdirSync(LOCK);
      else await sleep(500);
    }
  }
}

export default async function build() {
  if (staleReason() === undefined) return;
  await lock();
  try {
    const reason = staleReason(); // another run may have built while we waited
    if (reason === undefined) return;
    if (process.env.PRECLEAR_TEST_NO_BUILD) {
      throw new Error(`dist/ is stale (${reason}): run \`npm run build\` first`);
    }
    process.stderr.write(`\npreclear tests: building first (${reason})\n`);
    execFileSync(process.execPath, [path.join(ROOT, "src", "build", "build.mjs")], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
    });
  } finally {
    rmdirSync(LOCK);
  }
}
