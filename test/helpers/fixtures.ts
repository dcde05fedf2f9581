/** Fixture paths and throw-away directories. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./cli.js";

export const FIXTURES = path.join(REPO_ROOT, "test", "fixtures");

/** Absolute path of a committed fixture, e.g. `fixture("validate", "x.yaml")`. */
export function fixture(...segments: string[]): string {
  return path.join(FIXTURES, ...segments);
}

/** Line `line` (1-based) of a file, to show what a reported position points at. */
export function lineOf(file: string, line: number): string {
  return readFileSync(file, "utf8").split(/\r?\n/)[line - 1] ?? "";
}

/** The text at `line:column` (both 1-based) of a file, to the end of that line. */
export function textAt(file: string, line: number, column: number): string {
  return lineOf(file, line).slice(column - 1);
}

/** A fresh temporary directory; call the returned `remove` in afterAll/afterEach. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
