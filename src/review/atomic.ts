/**
 * Replace a file so that readers (and a crash) see either the old content or
 * the new content, never a truncated mix: write a temporary file beside the
 * target, fsync it, rename it over the target, fsync the directory.
 */
import { randomBytes } from "node:crypto";
import { lstat, open, readlink, realpath, rename, stat, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";

/** The steps that can fail part-way; tests replace them to simulate a full disk or a crash. */
export interface AtomicFs {
  write(handle: FileHandle, data: string | Uint8Array): Promise<void>;
  sync(handle: FileHandle): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

const realFs: AtomicFs = {
  write: (handle, data) => handle.writeFile(data, "utf8"),
  sync: (handle) => handle.sync(),
  rename: (from, to) => rename(from, to),
};

/** Saving failed; the target is unchanged and no temporary file is left behind. */
export class AtomicWriteError extends Error {
  readonly file: string;
  constructor(file: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`could not save ${file}: ${detail}; the file was left unchanged`, { cause });
    this.name = "AtomicWriteError";
    this.file = file;
  }
}

export interface AtomicWriteOptions {
  fs?: Partial<AtomicFs>;
}

/**
 * Atomically replace (or create) `file` with `data`. A symlink is written
 * through to its target, keeping the link; an existing file keeps its mode.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fs: AtomicFs = { ...realFs, ...options.fs };
  let target: string;
  let mode: number | undefined;
  try {
    target = await resolveTarget(file);
    mode = await stat(target).then(
      (s) => s.mode & 0o7777,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      },
    );
    // rename() replaces a read-only file in a writable directory, and root
    // ignores permissions anyway: a file nobody may write to is left alone.
    if (mode !== undefined && (mode & 0o222) === 0) {
      throw Object.assign(new Error("EACCES: the file is read-only (no write permission)"), {
        code: "EACCES",
      });
    }
  } catch (error) {
    throw new AtomicWriteError(file, error);
  }
  const dir = path.dirname(target);
  const temp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, "wx", mode ?? 0o666);
    // open() applies the umask; an existing file's mode must survive exactly.
    if (mode !== undefined) await handle.chmod(mode);
    await fs.write(handle, data);
    await fs.sync(handle);
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw new AtomicWriteError(file, error);
  }
  await syncDirectory(dir);
}

/** Follow symlinks (even dangling ones) to the file that should be replaced. */
async function resolveTarget(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return current;
      throw error;
    }
    if (!isLink) return current;
    try {
      return await realpath(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // Dangling link: create the file it points at.
      current = path.resolve(path.dirname(current), await readlink(current));
    }
  }
  throw new Error(`too many levels of symbolic links at ${file}`);
}

/** Make the rename itself durable. Some platforms refuse to fsync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EINVAL" && code !== "EPERM" && code !== "EISDIR" && code !== "EACCES") {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`saved, but could not flush the directory ${dir}: ${detail}`, {
        cause: error,
      });
    }
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
