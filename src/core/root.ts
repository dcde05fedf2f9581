/**
 * Where the package's own files are. This module sits two levels below the
 * package root in src/, in dist/ and in the bundle (dist/bundle/), so every
 * path to schemas/, checklists/ or dist/ is taken from here.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, as a URL ending in a slash. */
export const PACKAGE_ROOT_URL = new URL("../../", import.meta.url);
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The directory of the compiled code (dist/ next to src/; dist/ itself when running from it). */
export const DIST_URL = new URL("../", import.meta.url);
