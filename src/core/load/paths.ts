/** Paths that drafts name (documents, reviews, checklists) stay inside the project. */
import { existsSync } from "node:fs";
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
