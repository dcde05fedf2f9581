/**
 * Just enough of the zip format to check a .docx before a .docx reader opens
 * it: the entries of the central directory, and each entry inflated under a
 * budget, so a zip bomb is refused before anything expands it in memory.
 */
import { zlib } from "../builtin.js";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc: number;
  localOffset: number;
}

/** A problem with the archive, in words a user can act on. */
export class ZipProblem extends Error {
  constructor(
    message: string,
    readonly kind: "corrupt" | "limit",
  ) {
    super(message);
    this.name = "ZipProblem";
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The central directory's entries. Throws ZipProblem. */
export function zipEntries(data: Buffer, maxEntries: number): ZipEntry[] {
  const min = Math.max(0, data.length - 65_557);
  let eocd = -1;
  for (let i = data.length - 22; i >= min; i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ZipProblem("it is not a zip archive (no end of central directory)", "corrupt");
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const offset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipProblem("it is a ZIP64 archive, which a .docx never needs", "limit");
  }
  if (count > maxEntries) {
    throw new ZipProblem(
      `it has ${count} entries, more than the limit of ${maxEntries} entries in a .docx`,
      "limit",
    );
  }
  if (offset + size > eocd) throw new ZipProblem("its central directory is truncated", "corrupt");
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || data.readUInt32LE(at) !== CENTRAL) {
      throw new ZipProblem("its central directory is damaged", "corrupt");
    }
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      method: data.readUInt16LE(at + 10),
      crc: data.readUInt32LE(at + 16),
      compressedSize: data.readUInt32LE(at + 20),
      uncompressedSize: data.readUInt32LE(at + 24),
      localOffset: data.readUInt32LE(at + 42),
      name: data.toString("utf8", at + 46, at + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw new ZipProblem("it is a ZIP64 archive, which a .docx never needs", "limit");
    }
    if ((data.readUInt16LE(at + 8) & 1) === 1) {
      throw new ZipProblem(
        "it is encrypted (password-protected); save an unprotected copy",
        "corrupt",
      );
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflate one entry, producing at most `budget` bytes; returns the bytes.
 * Throws ZipProblem (kind "limit") when the entry expands beyond the budget,
 * whatever size its header claims.
 */
export function inflateEntry(data: Buffer, entry: ZipEntry, budget: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL) {
    throw new ZipProblem(`its entry ${entry.name} is damaged`, "corrupt");
  }
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw new ZipProblem(`its entry ${entry.name} is truncated`, "corrupt");
  const raw = data.subarray(start, end);
  let out: Buffer;
  if (entry.method === 0) {
    if (raw.length > budget) throw new ZipProblem(entry.name, "limit");
    out = raw;
  } else if (entry.method === 8) {
    try {
      out = zlib().inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new ZipProblem(entry.name, "limit");
      }
      throw new ZipProblem(`its entry ${entry.name} cannot be decompressed`, "corrupt");
    }
    if (out.length > budget) throw new ZipProblem(entry.name, "limit");
  } else {
    throw new ZipProblem(
      `its entry ${entry.name} uses compression method ${entry.method}, which a .docx does not`,
      "corrupt",
    );
  }
  if (zlib().crc32(out) >>> 0 !== entry.crc >>> 0) {
    throw new ZipProblem(`its entry ${entry.name} is damaged (checksum mismatch)`, "corrupt");
  }
  return out;
}
