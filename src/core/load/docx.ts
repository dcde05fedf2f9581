/**
 * The text of a Word (.docx) draft: paragraphs and headings, read with
 * mammoth, normalised (Unicode NFC, whitespace, line endings) and written as
 * plain text where a heading is a line starting with one `#` per level. That
 * text — not the bytes of the file — is what a sign-off covers, so re-saving
 * the document without changing its words stales nothing (docs/digest.md).
 *
 * Before mammoth sees the file, the zip is checked here: an encrypted or
 * damaged file is refused with a reason, and the parts mammoth reads are
 * inflated under a size cap, so a zip bomb never expands in memory.
 */
import { createRequire } from "node:module";
import { workerThreads } from "../builtin.js";
import { inflateEntry, zipEntries, ZipProblem } from "./zip.js";

export const DOCX_LIMITS = {
  /** Largest .docx file read. */
  maxFileBytes: 50 * 1024 * 1024,
  /** Most bytes the XML parts of a .docx may expand to (zip-bomb cap). */
  maxXmlBytes: 32 * 1024 * 1024,
  /** Most entries in the archive. */
  maxEntries: 5000,
  /** How long the reader may take. */
  timeoutMs: 60_000,
};
export type DocxLimits = typeof DOCX_LIMITS;

/** A .docx that cannot be read, and why (`limit` names the limit it broke). */
export class DocxProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DocxProblem";
  }
}

export interface DocxParagraph {
  /** 0 for body text, 1–6 for a heading. */
  level: number;
  text: string;
}

const MiB = 1024 * 1024;

/** Throws DocxProblem when `data` is not a readable, safe .docx. */
export function checkDocx(data: Buffer, limits: DocxLimits = DOCX_LIMITS): void {
  if (data.length > limits.maxFileBytes) {
    throw new DocxProblem(
      `it is ${(data.length / MiB).toFixed(1)} MiB, more than the ${limits.maxFileBytes / MiB} MiB limit on a .docx file`,
    );
  }
  if (data.length >= 4 && data.readUInt32BE(0) === 0xd0cf11e0) {
    throw new DocxProblem(
      "it is password-protected (encrypted), or an old binary .doc; save an unprotected .docx copy",
    );
  }
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) {
    throw new DocxProblem("it is not a .docx (a .docx is a zip archive, and this is not one)");
  }
  try {
    const entries = zipEntries(data, limits.maxEntries);
    if (!entries.some((e) => e.name === "word/document.xml")) {
      throw new DocxProblem("it is a zip archive but not a Word document (no word/document.xml)");
    }
    let budget = limits.maxXmlBytes;
    for (const entry of entries) {
      if (!/\.(xml|rels)$/i.test(entry.name)) continue;
      try {
        budget -= inflateEntry(data, entry, budget).length;
      } catch (error) {
        if (error instanceof ZipProblem && error.kind === "limit") {
          throw new DocxProblem(
            `its XML parts expand to more than ${limits.maxXmlBytes / MiB} MiB (the limit on a .docx's uncompressed text, reached at ${entry.name}); it may be a zip bomb`,
          );
        }
        throw error;
      }
    }
  } catch (error) {
    if (error instanceof ZipProblem) throw new DocxProblem(`it is damaged: ${error.message}`);
    throw error;
  }
}

/** The paragraphs of a checked .docx, via mammoth (run synchronously in a worker). */
export function docxParagraphs(data: Buffer, limits: DocxLimits = DOCX_LIMITS): DocxParagraph[] {
  checkDocx(data, limits);
  const html = convertToHtml(data, limits.timeoutMs);
  return htmlParagraphs(html);
}

/** The normalised text of a .docx (see the module comment). */
export function docxText(data: Buffer, limits: DocxLimits = DOCX_LIMITS): string {
  return paragraphsToText(docxParagraphs(data, limits));
}

export function paragraphsToText(paragraphs: readonly DocxParagraph[]): string {
  const blocks = paragraphs
    .map((p) => ({ ...p, text: normaliseLine(p.text) }))
    .filter((p) => p.text !== "")
    .map((p) => (p.level > 0 ? `${"#".repeat(p.level)} ${p.text}` : p.text));
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}

/** NFC, every run of whitespace (including no-break spaces and line breaks) one space, trimmed. */
export function normaliseLine(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\s\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu, " ")
    .trim();
}

const require = createRequire(import.meta.url);

// The worker: mammoth is asynchronous, and preclear's loading is not, so the
// conversion runs in a worker while this thread waits on a shared flag.
const WORKER = `
const { workerData } = require("node:worker_threads");
const { port, signal, data, mammothPath } = workerData;
const done = (message) => {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
};
try {
  const mammoth = require(mammothPath);
  mammoth
    .convertToHtml(
      { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })) },
    )
    .then(
      (result) => done({ html: result.value }),
      (error) => done({ error: String((error && error.message) || error) }),
    );
} catch (error) {
  done({ error: String((error && error.message) || error) });
}
`;

function convertToHtml(data: Buffer, timeoutMs: number): string {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { MessageChannel, receiveMessageOnPort, Worker } = workerThreads();
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { port: port2, signal, data, mammothPath: require.resolve("mammoth") },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
    stdout: true,
    stderr: true,
  });
  try {
    const waited = Atomics.wait(signal, 0, 0, timeoutMs);
    const message = receiveMessageOnPort(port1)?.message as
      { html?: string; error?: string } | undefined;
    if (waited === "timed-out" || !message) {
      throw new DocxProblem(`reading it took longer than ${timeoutMs / 1000} s`);
    }
    if (message.error !== undefined || message.html === undefined) {
      throw new DocxProblem(`it cannot be read as a Word document (${message.error ?? "no text"})`);
    }
    return message.html;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

const BLOCK = /^(p|h[1-6]|li|td|th|caption|blockquote)$/;

/**
 * Paragraphs of mammoth's HTML: each p, heading, list item and table cell is
 * one paragraph; inline markup (bold, links, runs) leaves only its text.
 */
export function htmlParagraphs(html: string): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  const stack: number[] = [];
  let text = "";
  const flush = () => {
    if (text.trim() !== "") out.push({ level: stack.at(-1) ?? 0, text });
    text = "";
  };
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>|([^<]+)/g;
  // mammoth links each footnote back to its reference with an "↑": not text.
  let backLink = false;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[4] !== undefined) {
      if (!backLink) text += decodeEntities(m[4]);
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (name === "a") {
      backLink = !m[1] && /href="#(?:foot|end)note-ref-/.test(m[3]!);
      continue;
    }
    if (name === "br") {
      text += " ";
      continue;
    }
    if (!BLOCK.test(name)) continue;
    flush();
    if (m[1]) stack.pop();
    else stack.push(/^h[1-6]$/.test(name) ? Number(name[1]) : 0);
  }
  flush();
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
      }
    }
  });
}
