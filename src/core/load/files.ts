/**
 * Reading input files. Every file preclear reads — checklist, draft, review,
 * fragment, config, trusted keys, private key, the policy document — goes
 * through `readRegularFile`: it opens the path once (non-blocking, so a FIFO
 * cannot hang the open), checks on that same descriptor that it is a regular
 * file and not too large, and reads at most the limit, so a device, a FIFO or
 * a symlink to /dev/zero is refused and a file that grows is not read forever.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import type { Stats } from "node:fs";
import path from "node:path";
import { PreclearError } from "../diagnostics.js";
import type { DiagnosticKind } from "../diagnostics.js";

// ignoreBOM keeps a byte order mark in the text, as readFileSync does: a rewrite keeps it too.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** O_NONBLOCK: opening a FIFO for reading does not wait for a writer (0 where unsupported). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

const READ = new Set<string>();

/**
 * Every path this process opened (or tried to open) as input, absolute. An
 * output (`check -o`, `report -o`) must not replace any of them: the CLI
 * refuses a target that resolves to one. This covers what a command reads
 * indirectly too — a descriptor's document, the trusted keys, a private key.
 */
export function filesRead(): ReadonlySet<string> {
  return READ;
}

/** Start a new record (a CLI run calls this first: in-process runs must not share it). */
export function forgetFilesRead(): void {
  READ.clear();
}

/** Why a file cannot be read; `code` is an errno code or one of ours. */
export class FileReadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "FileReadError";
  }
}

/** What a non-regular file is, in words, for the one-line refusal. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Open `file` and run `use` on a descriptor known to be a regular file. A
 * FIFO, device, socket or directory (also through a symlink) is refused with
 * code `ENOTREG`; errors from the system keep their errno code.
 */
export function withRegularFile<T>(
  file: string,
  use: (fd: number, stats: Stats) => T,
  options: { record?: boolean } = {},
): T {
  // A file sniffed to find drafts is not an input (a previous run's
  // summary.md may be sniffed, and replaced by this run's).
  if (options.record !== false) READ.add(path.resolve(file));
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    throw new FileReadError(code, code);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw new FileReadError("ENOTREG", `${fileKind(stats)}, not a regular file`);
    }
    return use(fd, stats);
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of a regular file, at most `maxBytes`: the size is checked on the
 * opened descriptor, and the read stops one byte past the limit whatever the
 * size said (a file that grows while it is read is refused, not followed).
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  return withRegularFile(file, (fd, stats) => {
    if (stats.size > maxBytes)
      throw new FileReadError("ETOOBIG", tooLargeMessage(stats.size, maxBytes));
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        throw new FileReadError("ETOOBIG", tooLargeMessage(length, maxBytes));
      }
      let n: number;
      try {
        n = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "EIO";
        throw new FileReadError(code, code);
      }
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new FileReadError("ETOOBIG", tooLargeMessage(length, maxBytes));
    }
    return buffer.subarray(0, length);
  });
}

/**
 * `readRegularFile` with the refusal as a one-line message: "cannot read
 * <what>: …" (or "no such <what>"), the size message as it is.
 */
export function readFailure(error: FileReadError, what: string): string {
  if (error.code === "ETOOBIG") return error.message;
  if (error.code === "ENOENT") return `no such ${what}`;
  if (error.code === "ENOTREG") return `cannot read ${what}: ${error.message}`;
  return `cannot read ${what}: ${error.code}`;
}

/** Read a file's bytes or throw a positioned PreclearError of `kind`. */
export function readInputBytes(
  file: string,
  maxBytes: number,
  what: string,
  shown = file,
  kind: DiagnosticKind = "invalid-input",
): Buffer {
  try {
    return readRegularFile(file, maxBytes);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    throw new PreclearError(
      { location: { file: shown, line: 1, column: 1 }, message: readFailure(error, what) },
      kind,
    );
  }
}

export function readTextFile(file: string, maxBytes: number, what: string): string {
  return decodeUtf8(file, readInputBytes(file, maxBytes, what), "invalid-input");
}

/** The first `bytes` of a regular file as text ("" when unreadable or not a regular file). */
export function sniffFile(file: string, bytes = 16 * 1024): string {
  try {
    return withRegularFile(
      file,
      (fd) => {
        const buffer = Buffer.alloc(bytes);
        const n = readSync(fd, buffer, 0, bytes, 0);
        return buffer.subarray(0, n).toString("utf8");
      },
      { record: false },
    );
  } catch {
    return "";
  }
}

/**
 * The bytes of `file` as text, refusing invalid UTF-8 at the first bad byte:
 * a lenient decode would turn it into U+FFFD, and a rewrite would lose it.
 */
export function decodeUtf8(
  file: string,
  bytes: Uint8Array,
  kind: DiagnosticKind = "unevaluable",
): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = UTF8.decode(bytes.subarray(0, bad));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    throw new PreclearError(
      {
        location: { file, line, column },
        message: `not valid UTF-8 (byte 0x${byte}); save the file as UTF-8`,
      },
      kind,
    );
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return bytes.length;
}

/** The size-limit message, in units that show the difference (5.0 MiB, 3.2 KiB). */
export function tooLargeMessage(size: number, maxBytes: number): string {
  return `file is ${formatBytes(size)}, larger than the ${formatBytes(maxBytes)} limit (raise limits.maxFileBytes in preclear.config.yaml if this is intended)`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
