/**
 * Errors of the review store. Each names the file (and, when it is about the
 * file's content, the line and column) so the CLI can print one line.
 */
import { oneLine, PreclearError } from "../core/diagnostics.js";

/** A review file (or fragment) that cannot be read, parsed or safely edited. */
export class ReviewFileError extends PreclearError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(file: string, line: number, column: number, message: string) {
    const reason = oneLine(message);
    super({ location: { file, line, column }, message: reason });
    this.name = "ReviewFileError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}
