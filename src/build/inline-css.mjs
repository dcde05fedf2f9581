#!/usr/bin/env node
// Part of `npm run build`, before tsc: the HTML report's stylesheet is kept as
// src/report/report.css and inlined into every report. This writes it as a
// string constant into src/report/stylesheet.ts (committed, so the tests and
// the type checker read it without a build). `--check` fails when the module
// is out of date with the .css file (test/report/stylesheet.test.ts runs it).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import prettier from "prettier";

const source = new URL("../report/report.css", import.meta.url);
const target = new URL("../report/stylesheet.ts", import.meta.url);

export async function stylesheetModule() {
  // Comments out, whitespace collapsed (the stylesheet has no strings to protect).
  const css = readFileSync(source, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/:\s+/g, ":")
    .replace(/;}/g, "}")
    .trim();
  if (/["']/.test(css.replace(/"[^"\n]*"/g, ""))) throw new Error("report.css: unbalanced quotes");
  const text = [
    "/* Generated from src/report/report.css by src/build/inline-css.mjs. Do not edit. */",
    "",
    "/** The HTML report's stylesheet (see report.css). */",
    `export const REPORT_CSS = ${JSON.stringify(css)};`,
    "",
  ].join("\n");
  return prettier.format(text, { parser: "typescript", printWidth: 100 });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await stylesheetModule();
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    /* missing counts as stale */
  }
  if (process.argv.includes("--check")) {
    if (current !== text) {
      console.error("src/report/stylesheet.ts is out of date with report.css: run npm run build");
      process.exitCode = 1;
    }
  } else if (current !== text) {
    // Only when it changed: a rewrite would make every build look newer than
    // dist/ to the e2e tests' freshness check (test/setup/build.mjs).
    writeFileSync(target, text);
  }
}
