/**
 * Drafts: Markdown with a `preclear:` front-matter block, or a YAML descriptor
 * (`kind: Draft`) naming an external document. The content digest is the
 * sha256 of the policy text (SPEC section 2).
 */
import { createHash } from "node:crypto";
import { existsSync, readSync, realpathSync, statSync } from "node:fs";
import type { Stats } from "node:fs";
import path from "node:path";
import { PreclearError } from "../diagnostics.js";
import type { Diagnostic, Location } from "../diagnostics.js";
import { DOCX_LIMITS, DocxProblem, docxText } from "./docx.js";
import type { DocxLimits } from "./docx.js";
import {
  fileKind,
  FileReadError,
  readRegularFile,
  readTextFile,
  withRegularFile,
} from "./files.js";
import { isInside, projectRoot, realLocation } from "./paths.js";
import { frontMatterIsDraft, yamlIsDraft } from "./sniff.js";
import { validateAgainst } from "./schemas.js";
import type { Draft } from "../types/draft.js";
import { DEFAULT_LIMITS, diagnosticAt, locate, parseYaml } from "./yaml.js";
import type { LoadLimits, LoadedYaml, PathSegment } from "./yaml.js";

export interface LoadedDraft {
  file: string;
  format: "markdown" | "descriptor";
  loaded: LoadedYaml;
  /** Where the draft's fields sit in `loaded`: ["preclear"] for Markdown. */
  base: PathSegment[];
  draft: Draft;
  /**
   * `sha256:<hex>` of the policy text: of `text` when there is one (Markdown
   * body, text of a .docx), else of the document's bytes.
   */
  contentDigest: string;
  /** How the policy text was read: Markdown body, .docx text, or bytes of another format. */
  textFormat: TextFormat;
  /** The policy text as digested (LF line ends), when it is text. */
  text?: string;
  /** The content digest as digest v1 defines it (a descriptor's document bytes). */
  v1ContentDigest: string;
  /** Review file or directory (may not exist yet). */
  reviewPath: string;
  /** Where the review path was given, if it was. */
  reviewAt?: Location;
}

export type TextFormat = "markdown" | "docx" | "bytes";

export interface DraftOptions {
  limits?: LoadLimits;
  /** Allow `document` and `review` paths outside the project root. */
  allowOutside?: boolean;
  /** Finds a directory's project root (default projectRoot); a run over many drafts memoizes it. */
  projectRoot?: (dir: string) => string;
  /** Limits on reading a .docx (tests lower them). */
  docxLimits?: DocxLimits;
}

const FRONT_MATTER_OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*\r?$/m;

export function isMarkdown(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

/**
 * Cheap sniff used by discovery: is this file meant to be a draft? Works on
 * broken YAML too, so a broken draft is reported rather than skipped.
 */
export function looksLikeDraft(file: string, head: string): boolean {
  if (isMarkdown(file)) {
    if (!FRONT_MATTER_OPEN.test(head)) return false;
    const rest = head.replace(FRONT_MATTER_OPEN, "");
    const close = FRONT_MATTER_CLOSE.exec(rest);
    const front = close ? rest.slice(0, close.index) : rest;
    return frontMatterIsDraft(front);
  }
  if (/\.(ya?ml|json)$/i.test(file)) return yamlIsDraft(head);
  return false;
}

/** Split Markdown into front matter text (and the line it starts on) and body. */
export function splitFrontMatter(
  text: string,
): { front: string; body: string; frontLine: number } | undefined {
  const open = FRONT_MATTER_OPEN.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const close = FRONT_MATTER_CLOSE.exec(rest);
  if (!close) return undefined;
  const front = rest.slice(0, close.index);
  let body = rest.slice(close.index + close[0].length);
  if (body.startsWith("\n")) body = body.slice(1);
  return { front, body, frontLine: 2 };
}

export function sha256(data: string | Buffer): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/** A Markdown body as digested: line endings normalised to LF. */
export function bodyText(body: string): string {
  return body.replace(/\r\n?/g, "\n");
}

/** Digest of a Markdown body: line endings normalised to LF. */
export function bodyDigest(body: string): string {
  return sha256(bodyText(body));
}

export function loadDraft(file: string, options: DraftOptions = {}): LoadedDraft {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const text = readTextFile(file, limits.maxBytes, "draft");
  return isMarkdown(file)
    ? markdownDraft(file, text, limits, options)
    : descriptorDraft(file, text, limits, options);
}

function markdownDraft(
  file: string,
  text: string,
  limits: LoadLimits,
  options: DraftOptions,
): LoadedDraft {
  const split = splitFrontMatter(text);
  if (!split && FRONT_MATTER_OPEN.test(text)) {
    throw new PreclearError({
      location: { file, line: 1, column: 1 },
      message: "the front matter is never closed: end it with a `---` line before the policy text",
    });
  }
  if (!split) {
    throw new PreclearError({
      location: { file, line: 1, column: 1 },
      message:
        "not a draft: no front matter (a `---` block with a `preclear:` key) at the top of the file",
    });
  }
  const loaded = parseYaml(file, split.front, limits, split.frontLine - 1);
  const front = loaded.value as Record<string, unknown> | null;
  if (!front || typeof front !== "object" || !("preclear" in front)) {
    throw new PreclearError({
      location: { file, line: split.frontLine, column: 1 },
      message: "not a draft: the front matter has no `preclear:` block",
    });
  }
  const draft = front.preclear as Draft;
  const diagnostics = validateAgainst("draft", loaded, draft, ["preclear"]);
  throwIf(diagnostics);
  const policy = bodyText(split.body);
  const digest = sha256(policy);
  return finish(file, "markdown", loaded, ["preclear"], draft, options, {
    contentDigest: digest,
    textFormat: "markdown",
    text: policy,
    v1ContentDigest: digest,
  });
}

function descriptorDraft(
  file: string,
  text: string,
  limits: LoadLimits,
  options: DraftOptions,
): LoadedDraft {
  const loaded = parseYaml(file, text, limits);
  const draft = loaded.value as Draft;
  const diagnostics = validateAgainst("draft", loaded, draft);
  if (diagnostics.length === 0) {
    for (const key of ["apiVersion", "kind", "document"] as const) {
      if (draft[key] === undefined)
        diagnostics.push(diagnosticAt(loaded, [], `\`${key}\` is required in a draft descriptor`));
    }
  }
  throwIf(diagnostics);
  const documentPath = path.resolve(path.dirname(file), draft.document!);
  const at = locate(loaded, ["document"]);
  if (
    !options.allowOutside &&
    !isInside((options.projectRoot ?? projectRoot)(path.dirname(file)), documentPath)
  ) {
    throw new PreclearError({
      location: at,
      message: `\`document\` points outside the project (${draft.document}); move it inside, or pass --allow-outside`,
    });
  }
  // A symlink inside the project may still lead out of it.
  const root = (options.projectRoot ?? projectRoot)(path.dirname(file));
  if (!options.allowOutside && !isInside(realOrSelf(root), realOrSelf(documentPath))) {
    throw new PreclearError({
      location: at,
      message: `\`document\` is a symbolic link to ${realOrSelf(documentPath)}, outside the project; move the file inside, or pass --allow-outside`,
    });
  }
  let digest: string;
  try {
    digest = fileDigest(documentPath);
  } catch (error) {
    throw new PreclearError({
      location: at,
      message:
        error instanceof FileReadError && error.code === "ENOTREG"
          ? `cannot read \`document\` ${draft.document}: ${error.message}`
          : `cannot read \`document\` ${draft.document}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
  }
  if (!isDocx(documentPath)) {
    return finish(file, "descriptor", loaded, [], draft, options, {
      contentDigest: digest,
      textFormat: "bytes",
      v1ContentDigest: digest,
    });
  }
  let policy: string;
  try {
    const limits = options.docxLimits ?? DOCX_LIMITS;
    // Read as a regular file, its size checked on the opened descriptor.
    let bytes: Buffer;
    try {
      bytes = readRegularFile(documentPath, limits.maxFileBytes);
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      throw new DocxProblem(
        error.code === "ETOOBIG"
          ? `it is larger than the ${limits.maxFileBytes / 1024 / 1024} MiB limit on a .docx file`
          : error.message,
      );
    }
    policy = docxText(bytes, limits);
  } catch (error) {
    if (!(error instanceof DocxProblem)) throw error;
    throw new PreclearError({
      location: at,
      message: `cannot read \`document\` ${draft.document} as a Word document: ${error.message}`,
    });
  }
  return finish(file, "descriptor", loaded, [], draft, options, {
    contentDigest: sha256(policy),
    textFormat: "docx",
    text: policy,
    v1ContentDigest: digest,
  });
}

/** A Word document whose text (not bytes) is digested. */
export function isDocx(file: string): boolean {
  return /\.docx$/i.test(file);
}

/**
 * sha256 of a regular file, read in chunks: a large document costs no memory,
 * and a FIFO or device (which could block or never end) is refused.
 */
function fileDigest(file: string): string {
  // Opened non-blocking and checked on the descriptor: a FIFO neither blocks nor is read.
  return withRegularFile(file, (fd, stats) => {
    const hash = createHash("sha256");
    const chunk = Buffer.alloc(1024 * 1024);
    // Read what fstat said and no more: a file that grows is not followed for ever.
    let left = stats.size;
    for (let n = readSync(fd, chunk); n > 0 && left > 0; n = readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, Math.min(n, left)));
      left -= n;
    }
    return `sha256:${hash.digest("hex")}`;
  });
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function throwIf(diagnostics: Diagnostic[]): void {
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "invalid-input");
}

function finish(
  file: string,
  format: LoadedDraft["format"],
  loaded: LoadedYaml,
  base: PathSegment[],
  draft: Draft,
  options: DraftOptions,
  content: Pick<LoadedDraft, "contentDigest" | "textFormat" | "text" | "v1ContentDigest">,
): LoadedDraft {
  const dir = path.dirname(file);
  let reviewPath: string;
  let reviewAt: Location | undefined;
  if (draft.review) {
    reviewPath = path.join(dir, draft.review);
    reviewAt = locate(loaded, [...base, "review"]);
    if (!options.allowOutside && !isInside((options.projectRoot ?? projectRoot)(dir), reviewPath)) {
      throw new PreclearError({
        location: reviewAt,
        message: `\`review\` points outside the project (${draft.review}); move it inside, or pass --allow-outside`,
      });
    }
  } else {
    reviewPath = defaultReviewPath(file);
  }
  // A review inside the project may be a symbolic link (or sit under a
  // linked directory) that leads out of it: it would be read and written there.
  if (!options.allowOutside) {
    const root = (options.projectRoot ?? projectRoot)(dir);
    const real = realLocation(reviewPath);
    if (isInside(root, reviewPath) && !isInside(realOrSelf(root), real)) {
      // A link to a device or a FIFO is refused as what it is, first.
      const target = statOrUndefined(reviewPath);
      if (target && !target.isFile() && !target.isDirectory()) {
        throw new PreclearError({
          location: { file: reviewPath, line: 1, column: 1 },
          message: `cannot read review: ${fileKind(target)}, not a regular file`,
        });
      }
      throw new PreclearError({
        location: reviewAt ?? { file, line: 1, column: 1 },
        message: `the review ${path.relative(dir, reviewPath)} is a symbolic link to ${real}, outside the project; move it inside, or pass --allow-outside`,
      });
    }
  }
  return {
    file,
    format,
    loaded,
    base,
    draft,
    ...content,
    reviewPath,
    ...(reviewAt ? { reviewAt } : {}),
  };
}

/** `<basename>.review.yaml` beside the draft, or `<basename>.review/` when that directory exists. */
export function defaultReviewPath(file: string): string {
  const dir = path.dirname(file);
  const base = path
    .basename(file)
    .replace(/\.(md|markdown|ya?ml)$/i, "")
    .replace(/\.draft$/i, "");
  const directory = path.join(dir, `${base}.review`);
  try {
    if (existsSync(directory) && statSync(directory).isDirectory()) return directory;
  } catch {
    /* fall through to the file */
  }
  return path.join(dir, `${base}.review.yaml`);
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
