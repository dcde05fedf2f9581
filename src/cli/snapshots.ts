/** Writing snapshots of the signed text (src/core/versions/snapshots.ts says where). */
import { lstatSync, mkdirSync, unlinkSync } from "node:fs";
import type { LoadedDraft } from "../core/load/draft.js";
import { snapshotPath, snapshotToWrite } from "../core/versions/snapshots.js";
import { writeFileAtomic } from "../review/atomic.js";
import { UsageError } from "./context.js";

/**
 * Keep the draft's current text in `<draft>.versions/` (once: snapshots are
 * content-addressed). Returns the snapshot's path, or undefined when the
 * draft's text is bytes (a PDF…) and there is nothing to keep.
 */
export async function writeSnapshot(draft: LoadedDraft): Promise<string | undefined> {
  if (draft.text === undefined) return undefined;
  const pending = snapshotToWrite(draft);
  if (pending) {
    // Never write through a directory link planted where snapshots belong.
    try {
      if (lstatSync(pending.dir).isSymbolicLink()) {
        throw new UsageError(
          `${pending.dir} is a symbolic link; snapshots are written only into a real directory beside the draft (replace the link with a directory)`,
        );
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
    }
    mkdirSync(pending.dir, { recursive: true });
    // Never write through a link planted where a snapshot belongs.
    try {
      if (lstatSync(pending.file).isSymbolicLink()) unlinkSync(pending.file);
    } catch {
      /* not there yet */
    }
    await writeFileAtomic(pending.file, pending.text);
  }
  return snapshotPath(draft.file, draft.contentDigest);
}
