/**
 * Snapshots: the exact text each sign-off covered, kept beside the draft in
 * `<draft>.versions/sha256-<hex>.txt`, named by the SHA-256 of their content —
 * so they deduplicate themselves, and a snapshot edited by hand is noticed
 * (its content no longer matches its name) and never shown as what was signed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { LoadedDraft } from "../load/draft.js";
import { describeRedline, redline } from "./redline.js";

/** Largest snapshot read. */
export const MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024;

const NAME = /^sha256-([0-9a-f]{64})\.txt$/;
const DIGEST = /^sha256:([0-9a-f]{64})$/;

/** `<dir>/<basename>.versions` for a draft file (basename without .md/.yaml/.draft). */
export function versionsDir(draftFile: string): string {
  const base = path
    .basename(draftFile)
    .replace(/\.(md|markdown|ya?ml)$/i, "")
    .replace(/\.draft$/i, "");
  return path.join(path.dirname(draftFile), `${base}.versions`);
}

/** Where the snapshot of a text with `digest` (`sha256:<hex>`) is kept. */
export function snapshotPath(draftFile: string, digest: string): string {
  const hex = DIGEST.exec(digest)?.[1];
  if (!hex) throw new TypeError(`not a sha256 digest: ${digest}`);
  return path.join(versionsDir(draftFile), `sha256-${hex}.txt`);
}

export type Snapshot =
  | { state: "ok"; digest: string; file: string; text: string }
  | { state: "missing"; digest: string; file: string }
  /** The file is there but is not the text its name says: edited by hand. */
  | { state: "altered"; digest: string; file: string; actual: string }
  | { state: "unreadable"; digest: string; file: string; problem: string };

const sha256 = (data: Buffer | string) =>
  `sha256:${createHash("sha256").update(data).digest("hex")}`;

export function readSnapshot(draftFile: string, digest: string): Snapshot {
  const file = snapshotPath(draftFile, digest);
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { state: "unreadable", digest, file, problem: "not a file" };
    if (stat.size > MAX_SNAPSHOT_BYTES) {
      return { state: "unreadable", digest, file, problem: "larger than a snapshot can be" };
    }
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { state: "missing", digest, file };
    return { state: "unreadable", digest, file, problem: code ?? String(error) };
  }
  const actual = sha256(bytes);
  if (actual !== digest) return { state: "altered", digest, file, actual };
  return { state: "ok", digest, file, text: bytes.toString("utf8") };
}

/**
 * What must be written to keep a snapshot of the draft's current text
 * (undefined: nothing). `text` is the draft's text as digested: by default
 * the loader's; a caller passes a text document's text (src/core/load/policy-text.ts)
 * only when its digest is the draft's content digest.
 */
export function snapshotToWrite(
  draft: LoadedDraft,
  text: string | undefined = draft.text,
): { dir: string; file: string; text: string } | undefined {
  if (text === undefined) return undefined;
  const file = snapshotPath(draft.file, draft.contentDigest);
  if (readSnapshot(draft.file, draft.contentDigest).state === "ok") return undefined;
  return { dir: path.dirname(file), file, text };
}

/** Digests of every snapshot kept for a draft, by file name (content not checked). */
export function listSnapshots(draftFile: string): string[] {
  const dir = versionsDir(draftFile);
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir)
      .map((name) => NAME.exec(name)?.[1])
      .filter((hex): hex is string => hex !== undefined)
      .sort()
      .map((hex) => `sha256:${hex}`);
  } catch {
    return [];
  }
}

/** Snapshots whose digest starts with `prefix` (`sha256:` optional). */
export function findSnapshots(draftFile: string, prefix: string): string[] {
  const hex = prefix.replace(/^sha256[:-]/, "").toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) return [];
  return listSnapshots(draftFile).filter((d) => d.slice("sha256:".length).startsWith(hex));
}

/**
 * What changed, by section, from a snapshot's text to `now` ("§ 2 Purpose:
 * 1 paragraph changed"); or why that cannot be said.
 */
export function describeSnapshotChanges(snapshot: Snapshot, now: string): string {
  switch (snapshot.state) {
    case "ok":
      return describeRedline(redline(snapshot.text, now));
    case "missing":
      return "no snapshot of the signed text to say where";
    case "altered":
      return "its snapshot was edited by hand, so what was signed cannot be shown";
    case "unreadable":
      return `its snapshot cannot be read (${snapshot.problem})`;
  }
}
