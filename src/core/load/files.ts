/** Reading input files: the size limit is checked before a byte is read. */
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { PreclearError } from "../diagnostics.js";
import type { DiagnosticKind } from "../diagnostics.js";

// ignoreBOM keeps a byte order mark in the text, as readFileSync does: a rewrite keeps it too.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function readTextFile(file: string, maxBytes: number, what: string): string {
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      throw new PreclearError(
        {
          location: { file, line: 1, column: 1 },
          message: tooLargeMessage(size, maxBytes),
        },
        "invalid-input",
      );
    }
    return decodeUtf8(file, readFileSync(file), "invalid-input");
  } catch (error) {
    if (error instanceof PreclearError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PreclearError(
      {
        location: { file, line: 1, column: 1 },
        message:
          code === "ENOENT" ? `no such ${what}` : `cannot read ${what}: ${code ?? String(error)}`,
      },
      "invalid-input",
    );
  }
}

/** The first `bytes` of a file as text ("" when unreadable): enough to sniff its kind. */
export function sniffFile(file: string, bytes = 16 * 1024): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n).toString("utf8");
  } catch {
    return "";
  } finally {
    if (fd !== undefined) closeSync(fd);
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
