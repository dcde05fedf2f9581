/**
 * An exclusive lock beside a review (`<review>.lock`), so that two sessions
 * answering at the same time take turns: each one re-reads the review while
 * it holds the lock, so neither overwrites the other's answers.
 *
 * The lock file is created with O_EXCL and holds `{pid, host, at}`. A lock is
 * stale — and removed — when its process is gone from this host, or when it
 * is older than `staleMs` (locks are held for milliseconds, so an old one was
 * left by a crash, possibly on another host, or its pid was reused).
 */
import { hostname } from "node:os";
import { constants } from "node:fs";
import { lstat, open, unlink } from "node:fs/promises";

export interface LockHolder {
  pid: number;
  host: string;
  at: string;
}

export interface LockOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Treat a lock older than this as abandoned (default 60 s). */
  staleMs?: number;
  /** Called once, the first time the lock is found held by someone else. */
  onWait?: (holder: LockHolder | undefined, lockFile: string) => void;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
export const DEFAULT_STALE_LOCK_MS = 60_000;

/** The lock could not be taken in time. */
export class LockTimeoutError extends Error {
  readonly lockFile: string;
  readonly holder: LockHolder | undefined;
  constructor(
    lockFile: string,
    holder: LockHolder | undefined,
    timeoutMs: number,
    foreign?: string,
  ) {
    const who = foreign
      ? `it is ${foreign}, not a lock preclear wrote`
      : holder
        ? `held by process ${holder.pid} on ${holder.host} since ${holder.at}`
        : "held by another process";
    super(
      `timed out after ${formatDuration(timeoutMs)} waiting for ${lockFile} (${who}); ` +
        `if no other preclear is running, delete that file and try again`,
    );
    this.name = "LockTimeoutError";
    this.lockFile = lockFile;
    this.holder = holder;
  }
}

/** The lock file guarding `resource` (a review file or fragment directory). */
export function lockFileFor(resource: string): string {
  return `${resource}.lock`;
}

/** Run `fn` while holding the exclusive lock on `resource`. */
export async function withLock<T>(
  resource: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockFile = lockFileFor(resource);
  const token = await acquire(lockFile, options);
  try {
    return await fn();
  } finally {
    await release(lockFile, token);
  }
}

interface Observed {
  /** What is at the lock path when it is not a regular file ("a symbolic link", …). */
  foreign?: string;
  raw: string;
  holder: LockHolder | undefined;
  ino: number;
  mtimeMs: number;
}

async function acquire(lockFile: string, options: LockOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_LOCK_MS;
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  let waited = false;
  for (;;) {
    const token = JSON.stringify({
      pid: process.pid,
      host: hostname(),
      at: new Date().toISOString(),
    });
    if (await tryCreate(lockFile, token)) return token;
    const seen = await observe(lockFile);
    // Released between our attempt and our look: try again at once, but never past the deadline.
    if (!seen && Date.now() < deadline) continue;
    if (seen && seen.foreign === undefined && isStale(seen, staleMs)) {
      await removeIfUnchanged(lockFile, seen);
      if (Date.now() < deadline) continue;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new LockTimeoutError(lockFile, seen?.holder, timeoutMs, seen?.foreign);
    }
    if (!waited) {
      waited = true;
      options.onWait?.(seen?.holder, lockFile);
    }
    // Jitter keeps competing sessions from retrying in lock-step.
    await sleep(Math.min(remaining, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 200);
  }
}

async function tryCreate(lockFile: string, token: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockFile, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new Error(`cannot create lock ${lockFile}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    await handle.writeFile(token, "utf8");
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(lockFile).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/**
 * What is at the lock path, looked at without following a symbolic link: a
 * lock we would write is a small regular file. Anything else — a symlink
 * (dangling or not), a FIFO, a directory — is not ours: it is never read,
 * never judged stale and never removed; the wait for it ends at the timeout.
 */
async function observe(lockFile: string): Promise<Observed | undefined> {
  try {
    const info = await lstat(lockFile);
    if (!info.isFile()) {
      return {
        foreign: foreignKind(info),
        raw: "",
        holder: undefined,
        ino: info.ino,
        mtimeMs: info.mtimeMs,
      };
    }
    const raw = await readLock(lockFile);
    return { raw, holder: parseHolder(raw), ino: info.ino, mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function foreignKind(info: {
  isSymbolicLink(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
}): string {
  if (info.isSymbolicLink()) return "a symbolic link";
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO";
  return "not a regular file";
}

/** A lock's text: a regular file, not followed through a symlink, at most 4 KiB read. */
async function readLock(lockFile: string): Promise<string> {
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  const handle = await open(lockFile, flags);
  try {
    if (!(await handle.stat()).isFile()) return "";
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    if (
      typeof value.pid === "number" &&
      typeof value.host === "string" &&
      typeof value.at === "string"
    ) {
      return { pid: value.pid, host: value.host, at: value.at };
    }
  } catch {
    // A lock being written right now, or garbage: judged by its age alone.
  }
  return undefined;
}

function isStale(seen: Observed, staleMs: number): boolean {
  const written = Date.parse(seen.holder?.at ?? "");
  const newest = Math.max(seen.mtimeMs, Number.isNaN(written) ? 0 : written);
  if (Date.now() - newest > staleMs) return true;
  return seen.holder !== undefined && seen.holder.host === hostname() && !isAlive(seen.holder.pid);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Remove a stale lock only if it is still the one we judged: another session
 * may have removed it and taken a fresh lock in the meantime. (A window of a
 * few microseconds remains between this check and the unlink.)
 */
async function removeIfUnchanged(lockFile: string, seen: Observed): Promise<void> {
  const now = await observe(lockFile);
  if (!now || now.ino !== seen.ino || now.mtimeMs !== seen.mtimeMs || now.raw !== seen.raw) return;
  await unlink(lockFile).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

/** Remove our lock, unless it was taken from us as stale (then it is not ours to remove). */
async function release(lockFile: string, token: string): Promise<void> {
  try {
    if ((await lstat(lockFile)).isFile() && (await readLock(lockFile)) === token) {
      await unlink(lockFile);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
