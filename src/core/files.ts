/** Reading input files: the size limit is checked before a byte is read. */
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { PreclearError } from "./diagnostics.js";

export function readTextFile(file: string, maxBytes: number, what: string): string {
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      throw new PreclearError(
        {
          location: { file, line: 1, column: 1 },
          message: `file is ${(size / 1024 / 1024).toFixed(1)} MiB, larger than the ${(maxBytes / 1024 / 1024).toFixed(1)} MiB limit (raise limits.maxFileBytes in preclear.config.yaml if this is intended)`,
        },
        1,
      );
    }
    return readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof PreclearError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PreclearError(
      {
        location: { file, line: 1, column: 1 },
        message:
          code === "ENOENT" ? `no such ${what}` : `cannot read ${what}: ${code ?? String(error)}`,
      },
      1,
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
