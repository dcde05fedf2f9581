/** Writing snapshots of the signed text (src/core/versions/snapshots.ts says where). */
import { lstatSync, mkdirSync, unlinkSync } from "node:fs";
import type { LoadedDraft } from "../core/load/draft.js";
import { snapshotPath, snapshotToWrite } from "../core/versions/snapshots.js";
import { writeFileAtomic } from "../review/atomic.js";
import { UsageError } from "./context.js";

/**
 * Refuse, before anything is written, a snapshot directory that is a link:
 * snapshots are written only into a real directory beside the draft.
 */
export function checkSnapshotTarget(draft: LoadedDraft, text = draft.text): void {
  const pending = snapshotToWrite(draft, text);
  if (!pending) return;
  let link = false;
  try {
    link = lstatSync(pending.dir).isSymbolicLink();
  } catch {
    /* not there yet */
  }
  if (link) {
    throw new UsageError(
      `${pending.dir} is a symbolic link; snapshots are written only into a real directory beside the draft (replace the link with a directory)`,
    );
  }
}

/**
 * Keep the draft's current text in `<draft>.versions/` (once: snapshots are
 * content-addressed). Returns the snapshot's path, or undefined when the
 * draft's text is bytes (a PDF…) and there is nothing to keep. `text`: a
 * text document's text whose digest is the content digest (see
 * src/core/load/policy-text.ts); by default the loader's text.
 */
export async function writeSnapshot(
  draft: LoadedDraft,
  text = draft.text,
): Promise<string | undefined> {
  if (text === undefined) return undefined;
  const pending = snapshotToWrite(draft, text);
  if (pending) {
    checkSnapshotTarget(draft, text);
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

/**
 * Keep the snapshot after the review was saved: a failure to write it loses
 * nothing already recorded, and is reported as a warning (`check` will say
 * snapshot-missing until it is there).
 */
export async function keepSnapshot(
  draft: LoadedDraft,
  warn: (message: string) => void,
): Promise<string | undefined> {
  try {
    return await writeSnapshot(draft);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    warn(
      `the text snapshot could not be saved (${detail}); check will report snapshot-missing until it is`,
    );
    return undefined;
  }
}
