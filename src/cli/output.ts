/**
 * Writing `-o` files of `check` and `report`. Every target is checked before
 * anything is written: an output that would land on one of the run's own
 * inputs (a draft, review, checklist or the config) is refused, and so is a
 * symlink inside the project that leads outside it (a checkout could plant
 * one to make CI overwrite a file elsewhere). Each file is then replaced
 * atomically, so a full disk leaves the previous output whole.
 */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { PreclearError } from "../core/diagnostics.js";
import type { Evaluation } from "../core/evaluate/evaluate.js";
import { filesRead } from "../core/load/files.js";
import { displayPath, isInside, projectRoot, realLocation } from "../core/load/paths.js";
import { writeFileAtomic } from "../review/atomic.js";
import type { AtomicFs } from "../review/atomic.js";

/** The files a run read, by real path, with what each one is. */
export class RunInputs {
  private readonly byRealPath = new Map<string, string>();
  /** Paths added already: every draft names the same few checklists, resolved once. */
  private readonly added = new Set<string>();

  add(file: string, what: string): void {
    const absolute = path.resolve(file);
    if (this.added.has(absolute)) return;
    this.added.add(absolute);
    const real = realLocation(absolute);
    if (!this.byRealPath.has(real)) this.byRealPath.set(real, what);
  }

  /** The draft, its review (file or fragments) and every checklist it was judged against. */
  addEvaluation(evaluation: Evaluation): void {
    this.add(evaluation.draft.file, "the draft");
    this.add(evaluation.review.path, "the review");
    for (const fragment of evaluation.review.fragments)
      this.add(fragment.file, "a review fragment");
    for (const member of evaluation.checklist.members) this.add(member.file, "a checklist");
  }

  /**
   * What `file` is to this run, if it is one of its inputs: those named
   * above, or any other file the run read (core/load/files.ts records every
   * file it opens — a descriptor's document, a trusted-keys file, a key).
   */
  find(real: string): string | undefined {
    const named = this.byRealPath.get(real);
    if (named !== undefined) return named;
    for (const file of filesRead()) {
      if (this.added.has(file)) continue;
      this.add(file, "an input");
    }
    return this.byRealPath.get(real);
  }
}

export interface Output {
  /** As given on the command line. */
  file: string;
  text: string | Uint8Array;
}

export interface WriteOptions {
  cwd: string;
  inputs: RunInputs;
  allowOutside: boolean;
  /** Replaces steps of the atomic write (tests simulate a full disk with it). */
  fs?: Partial<AtomicFs>;
}

/** Check every target, then write each one atomically; throws PreclearError (exit 2). */
export async function writeOutputs(
  outputs: readonly Output[],
  options: WriteOptions,
): Promise<void> {
  const root = projectRoot(options.cwd);
  const seen = new Map<string, string>();
  for (const { file } of outputs) {
    const target = path.resolve(options.cwd, file);
    const shown = displayPath(target, options.cwd);
    const real = realLocation(target);
    const input = options.inputs.find(real);
    if (input) {
      refuse(shown, `it is ${input} of this run; write the output somewhere else`);
    }
    const other = seen.get(real);
    if (other !== undefined) {
      refuse(shown, `${other === shown ? "it" : other} is already the output of another --format`);
    }
    seen.set(real, shown);
    if (isDirectory(real)) refuse(shown, "it is a directory; name a file");
    if (!options.allowOutside && isInside(root, target) && !isInside(root, real)) {
      refuse(
        shown,
        `it is a symbolic link to ${real}, outside the project; remove the link, or pass --allow-outside`,
      );
    }
  }
  for (const { file, text } of outputs) {
    const target = path.resolve(options.cwd, file);
    const shown = displayPath(target, options.cwd);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
    } catch (error) {
      refuse(shown, `cannot create its directory: ${describe(error)}`);
    }
    try {
      await writeFileAtomic(target, text, options.fs ? { fs: options.fs } : {});
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      refuse(shown, `cannot write it: ${describe(cause)}; nothing was changed`);
    }
  }
}

function refuse(shown: string, reason: string): never {
  throw new PreclearError(
    { location: { file: shown, line: 1, column: 1 }, message: `output not written: ${reason}` },
    "unevaluable",
  );
}

/** `ENOSPC: no space left on device`, without the syscall and path Node appends. */
function describe(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return (typeof message === "string" ? message : String(error)).replace(
    /^([A-Z]+: [^,]*), .*$/s,
    "$1",
  );
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export { realLocation };
