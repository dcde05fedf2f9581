/**
 * Three projects, run together by `npm test` (and CI), or one at a time:
 *
 * - unit: in-process (`run()` with a captured CliIO, the core, formatters,
 *   reports, the review walk through a scripted Prompter). No child process
 *   runs preclear: test/helpers/cli.ts refuses to spawn it here.
 * - e2e: the built CLI as a user meets it — bin/preclear.js in a child
 *   process, pseudo-terminal smoke tests, Chromium, `npm pack`. The project's
 *   global setup builds first when dist/ is not the build of the current
 *   sources (test/setup/build.mjs), once, before any worker starts.
 * - slow: the long ones — 50 SIGKILLs, 10,000 property runs, the full corpus.
 *
 * A new test file is `unit` unless it is under a directory or named in a list
 * below (SLOW wins over E2E).
 */
import os from "node:os";

const E2E = [
  "test/e2e/",
  "test/package/",
  "test/report/browser.test.ts",
  "test/report/mermaid-browser.test.ts",
  "test/report/docx.test.ts",
  "test/packet/browser.test.ts",
  "test/packet/form.test.ts",
  "test/hardening/special-files.test.ts",
  "test/hardening/outputs-paths.test.ts",
  "test/hardening/quadratic.test.ts",
  "test/hardening/timezones.test.ts",
  "test/hardening/filesystem.test.ts",
  "test/core/hostile-input.test.ts",
  "test/core/precompile.test.ts",
  "test/cli/completion.test.ts",
  "test/signoff/independent-digest.test.ts",
  "test/docs.test.ts",
];

const SLOW = [
  "test/e2e/review-durability.test.ts",
  "test/hardening/properties.test.ts",
  "test/hardening/properties-drafts.test.ts",
  "test/hardening/properties-checklists.test.ts",
  "test/hardening/properties-formatters.test.ts",
  "test/hardening/corpus.test.ts",
  "test/signoff/tamper.property.test.ts",
];

/** testMatch globs of entries of the lists above (a directory ends with "/"). */
const match = (paths) =>
  paths.map((p) => (p.endsWith("/") ? `<rootDir>/${p}**/*.test.ts` : `<rootDir>/${p}`));
/** testPathIgnorePatterns (regular expressions) of the same entries. */
const ignore = (paths) =>
  paths.map(
    (p) => `^<rootDir>/${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")}${p.endsWith("/") ? "" : "$"}`,
  );

/** @type {import('jest').Config} */
const common = {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/test"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, diagnostics: false }],
  },
};

/** @type {import('jest').Config[]} */
const projects = [
  {
    ...common,
    displayName: "unit",
    testMatch: ["<rootDir>/test/**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", ...ignore([...E2E, ...SLOW])],
    setupFiles: ["<rootDir>/test/setup/unit.mjs"],
  },
  {
    ...common,
    displayName: "e2e",
    testMatch: match(E2E),
    testPathIgnorePatterns: ["/node_modules/", ...ignore(SLOW)],
    globalSetup: "<rootDir>/test/setup/build.mjs",
  },
  {
    ...common,
    displayName: "slow",
    testMatch: match(SLOW),
    globalSetup: "<rootDir>/test/setup/build.mjs",
    setupFiles: ["<rootDir>/test/setup/slow.mjs"],
  },
];

// `npm run test:unit` and friends set PRECLEAR_TEST_PROJECTS (a comma-separated
// list) rather than pass --selectProjects, which would swallow the test paths
// given after it (`npm run test:unit -- test/core`).
const only = process.env.PRECLEAR_TEST_PROJECTS?.split(",").map((name) => name.trim());

/** @type {import('jest').Config} */
export default {
  testTimeout: 30000,
  // Jest's default is one worker fewer than the cores: on a 2-core machine
  // one worker, and every suite in series while the parent waits. Two
  // workers there took the unit project from 92 s to 58 s.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // node-pty keeps a native handle alive after its processes exit.
  forceExit: true,
  projects: only ? projects.filter((p) => only.includes(p.displayName)) : projects,
};
