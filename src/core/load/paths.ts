/** Paths that drafts name (documents, reviews, checklists) stay inside the project. */
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";

/** The nearest ancestor holding `.git` or `preclear.config.yaml`; else `dir` itself. */
export function projectRoot(dir: string): string {
  let current = path.resolve(dir);
  for (;;) {
    if (
      existsSync(path.join(current, ".git")) ||
      existsSync(path.join(current, "preclear.config.yaml"))
    ) {
      return current;
    }
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(dir);
    current = parent;
  }
}

/** Is `target` inside `root` (or equal to it)? Both are resolved first. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(target));
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** Show `file` relative to `cwd` when inside it, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  const shown =
    relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
  return shown.split(path.sep).join("/");
}

/**
 * Where writing `file` would land: symlinks followed (a dangling one to the
 * file it names), and a path that does not exist yet placed under the real
 * location of its nearest existing ancestor.
 */
export function realLocation(file: string): string {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return realpathSync(current);
    } catch {
      /* missing, or a dangling link: handled below */
    }
    let link: string | undefined;
    try {
      if (lstatSync(current).isSymbolicLink()) link = readlinkSync(current);
    } catch {
      /* does not exist */
    }
    if (link === undefined) break;
    current = path.resolve(path.dirname(current), link);
  }
  const parent = path.dirname(current);
  if (parent === current) return current;
  return path.join(realLocation(parent), path.basename(current));
}
