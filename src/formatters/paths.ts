import path from "node:path";
import { pathToFileURL } from "node:url";

/** Where a file is, as outputs show it. */
export interface DisplayedPath {
  /** Relative to cwd with forward slashes when inside it; otherwise as given. */
  text: string;
  /** True when `text` is relative to cwd. */
  relative: boolean;
}

/**
 * Shows `file` relative to `cwd` with forward slashes when it lies inside it.
 * Relative inputs are taken to be relative to `cwd` already (they are "as given
 * on the command line"). Never consults the real working directory.
 */
export function displayPath(file: string, cwd: string): DisplayedPath {
  if (path.isAbsolute(file)) {
    if (!path.isAbsolute(cwd)) return { text: file, relative: false };
    const rel = path.relative(cwd, file);
    if (rel === "" || rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      return { text: file, relative: false };
    }
    return { text: toSlashes(rel), relative: true };
  }
  const normal = toSlashes(path.normalize(file));
  if (normal === ".." || normal.startsWith("../")) return { text: normal, relative: false };
  return { text: normal.replace(/^(\.\/)+/, ""), relative: true };
}

/** The path shown for `file`: see {@link displayPath}. */
export function shownPath(file: string, cwd: string): string {
  return displayPath(file, cwd).text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A SARIF artifact location: a relative URI reference against `%SRCROOT%` when
 * the file is inside cwd, an absolute `file:` URI otherwise.
 */
export function artifactUri(given: string, cwd: string): { uri: string; uriBaseId?: string } {
  // encodeURIComponent throws on a lone surrogate; U+FFFD is what a file system shows for one.
  const file = given.replace(LONE_SURROGATE, "\uFFFD");
  const shown = displayPath(file, cwd);
  if (shown.relative) {
    return { uri: shown.text.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  }
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  // A relative path that climbs out of cwd: still a valid reference from %SRCROOT%.
  return {
    uri: shown.text
      .split("/")
      .map((segment) => (segment === ".." ? segment : encodeURIComponent(segment)))
      .join("/"),
    uriBaseId: "%SRCROOT%",
  };
}

/** The `file:` URI of a directory, with the trailing slash SARIF requires. */
export function directoryUri(dir: string): string | undefined {
  if (!path.isAbsolute(dir)) return undefined;
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}

function toSlashes(p: string): string {
  return p.split(path.sep).join("/");
}
