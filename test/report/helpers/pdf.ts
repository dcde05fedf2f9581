/**
 * The text of one page of a PDF printed by Chromium. `pdftotext` (Debian
 * poppler-utils) when it is installed; otherwise a small reader of what
 * Chromium's PDF backend (Skia) writes: Flate streams, a page tree, Type0
 * fonts with ToUnicode CMaps, and text shown as hex glyph ids with Tj/TJ.
 * Good enough to find a heading on a page; not a general PDF parser.
 *
 * Text comes back in Unicode NFKC: a font may draw "ff" as the single ligature
 * glyph "ﬀ" (U+FB00), which a reader sees as two letters and so should a test.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";

export function pdftotextAvailable(): boolean {
  return spawnSync("pdftotext", ["-v"], { encoding: "utf8" }).error === undefined;
}

/** Text of page `page` (1-based), by pdftotext when available; NFKC-normalised. */
export function pageText(file: string, page: number): string {
  if (pdftotextAvailable()) {
    const result = spawnSync(
      "pdftotext",
      ["-f", String(page), "-l", String(page), "-layout", file, "-"],
      { encoding: "utf8", timeout: 30_000 },
    );
    if (result.status === 0) return result.stdout.normalize("NFKC");
  }
  return skiaPageText(readFileSync(file), page);
}

export function pageCount(file: string): number {
  return pages(parse(readFileSync(file))).length;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function parse(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString("latin1");
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf("endobj", start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt >= 0 && /^\s*<</.test(body)) {
      const dataStart = start + streamAt + (body[streamAt + 6] === "\r" ? 8 : 7);
      const dataEnd = text.lastIndexOf("endstream", end);
      let data = bytes.subarray(dataStart, dataEnd);
      if (/\/FlateDecode/.test(body.slice(0, streamAt))) {
        try {
          data = inflateSync(data);
        } catch {
          // Leave it raw.
        }
      }
      objects.set(Number(match[1]), { dict: body.slice(0, streamAt), stream: data });
    } else {
      objects.set(Number(match[1]), { dict: body });
    }
    header.lastIndex = end;
  }
  return objects;
}

const refs = (text: string): number[] => [...text.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

function pages(objects: Map<number, PdfObject>): number[] {
  const root = [...objects].find(
    ([, o]) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent\b/.test(o.dict),
  );
  if (!root) return [];
  const walk = (id: number): number[] => {
    const o = objects.get(id);
    if (!o) return [];
    if (/\/Type\s*\/Pages\b/.test(o.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? "";
      return refs(kids).flatMap(walk);
    }
    return [id];
  };
  return walk(root[0]);
}

/** ToUnicode CMap: glyph id (hex) → text. */
function cmap(stream: Buffer): Map<number, string> {
  const text = stream.toString("latin1");
  const map = new Map<number, string>();
  const unicode = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(m[1]!, 16), unicode(m[2]!));
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const base = parseInt(m[3]!, 16);
      for (let g = from; g <= to; g++) map.set(g, String.fromCharCode(base + g - from));
    }
  }
  return map;
}

/** Text of page `page` (1-based) as Chromium's PDF backend wrote it; NFKC-normalised. */
export function skiaPageText(bytes: Buffer, page: number): string {
  const objects = parse(bytes);
  const id = pages(objects)[page - 1];
  if (id === undefined) return "";
  const pageDict = objects.get(id)!.dict;
  const resolve = (text: string): string => {
    const only = /^\s*(\d+) 0 R\s*$/.exec(text);
    return only ? (objects.get(Number(only[1]))?.dict ?? "") : text;
  };
  const resources = resolve(/\/Resources\s*(\d+ 0 R|<<[\s\S]*)/.exec(pageDict)?.[1] ?? "");
  const fontDict = resolve(/\/Font\s*(\d+ 0 R|<<[^>]*>>)/.exec(resources)?.[1] ?? "");
  const fonts = new Map<string, Map<number, string>>();
  for (const m of fontDict.matchAll(/\/([A-Za-z0-9_]+)\s+(\d+) 0 R/g)) {
    const font = objects.get(Number(m[2]));
    const toUnicode = font ? /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict) : null;
    const stream = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : undefined;
    if (stream) fonts.set(m[1]!, cmap(stream));
  }
  const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(pageDict)?.[1] ?? "";
  let out = "";
  for (const ref of refs(contents)) {
    const stream = objects.get(ref)?.stream?.toString("latin1") ?? "";
    let font = new Map<number, string>();
    const ops = /\/([A-Za-z0-9_]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\bET\b/g;
    for (const m of stream.matchAll(ops)) {
      if (m[1]) font = fonts.get(m[1]) ?? new Map();
      else if (m[2] !== undefined) out += decode(m[2], font);
      else if (m[3] !== undefined) {
        for (const part of m[3].matchAll(/<([0-9A-Fa-f]*)>/g)) out += decode(part[1]!, font);
      } else out += "\n";
    }
  }
  return out.normalize("NFKC");
}

function decode(hex: string, font: Map<number, string>): string {
  return (hex.match(/.{4}/g) ?? []).map((h) => font.get(parseInt(h, 16)) ?? "").join("");
}
