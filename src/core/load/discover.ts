/** Finding drafts under paths (SPEC section 4). */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PreclearError } from "../diagnostics.js";
import { looksLikeDraft } from "./draft.js";
import { sniffFile } from "./files.js";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

/**
 * Every draft under `paths`, sorted. A path given explicitly as a file is
 * taken as a draft whatever it looks like, as ESLint lints a file it is given.
 * A missing path throws (kind "usage").
 */
export function discoverDrafts(paths: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      throw new PreclearError(
        { location: { file: given, line: 1, column: 1 }, message: "no such file or directory" },
        "usage",
      );
    }
    // Anything but a directory, named explicitly, is a draft: a FIFO or device
    // is then refused by the reader with one line, never skipped in silence.
    if (!stat.isDirectory()) {
      found.add(path.relative(cwd, absolute) || given);
      continue;
    }
    const stack = [absolute];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) stack.push(full);
        } else if (entry.isFile() && /\.(md|markdown|ya?ml|json)$/i.test(entry.name)) {
          if (looksLikeDraft(full, sniffFile(full))) found.add(path.relative(cwd, full) || full);
        }
      }
    }
  }
  return [...found].sort();
}
