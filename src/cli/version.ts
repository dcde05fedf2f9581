/**
 * preclear's version, from package.json: its own module, so that commands
 * (and the library) can name it without importing the CLI's entry point.
 */
import { readFileSync } from "node:fs";

export const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;
