/**
 * Errors of the review store. Each names the file (and, when it is about the
 * file's content, the line and column) so the CLI can print one line.
 */
import { oneLine, PreclearError } from "../core/diagnostics.js";
import type { Diagnostic, Location } from "../core/diagnostics.js";

/**
 * A review file (or fragment) that cannot be read, parsed or safely edited.
 * `file`, `line`, `column` and `reason` are those of the first problem;
 * `diagnostics` lists every one.
 */
export class ReviewFileError extends PreclearError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  /** The problems the core's review parser reported, as one error of the store. */
  static from(error: PreclearError): ReviewFileError {
    const [first, ...more] = error.diagnostics;
    if (!first) return new ReviewFileError("review", 1, 1, error.message);
    const { file, line, column } = first.location;
    return new ReviewFileError(file, line, column, first.message, more, first.location);
  }

  constructor(
    file: string,
    line: number,
    column: number,
    message: string,
    more: Diagnostic[] = [],
    location: Location = { file, line, column },
  ) {
    const reason = oneLine(message);
    super([{ location, message: reason }, ...more]);
    this.name = "ReviewFileError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}
