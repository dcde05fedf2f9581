/**
 * Positions and positioned problems. Errors are values with a position until
 * the CLI edge turns them into a message and an exit code.
 */

/** A 1-based line and column in a file. */
export interface Position {
  line: number;
  column: number;
}

/** A place in a file that a user should edit. */
export interface Location extends Position {
  /** Path as given on the command line or resolved relative to it. */
  file: string;
  /** Where the offending node ends, when known (for SARIF regions). */
  endLine?: number;
  endColumn?: number;
  /**
   * The dotted YAML path a user should add here, when what the finding is
   * about has no node yet (`stakeholders.usms`): the location is then the
   * nearest key that exists.
   */
  missing?: string;
}

/** A problem found while loading or validating a file. */
export interface Diagnostic {
  location: Location;
  /** One sentence, no trailing period required; never multi-line. */
  message: string;
}

/** Thrown (and caught at the command edge) when a file cannot be used at all. */
export class PreclearError extends Error {
  readonly diagnostics: Diagnostic[];
  /** Exit code the CLI should use: 2 for unusable input or usage errors. */
  readonly exitCode: number;
  constructor(diagnostics: Diagnostic[] | Diagnostic, exitCode = 2) {
    // One line each, even when a message quotes a value that holds line breaks.
    const list = (Array.isArray(diagnostics) ? diagnostics : [diagnostics]).map((d) =>
      /[\r\n]/.test(d.message) ? { ...d, message: d.message.replace(/\s*[\r\n]+\s*/g, " ") } : d,
    );
    super(list.map(formatDiagnostic).join("\n"));
    this.name = "PreclearError";
    this.diagnostics = list;
    this.exitCode = exitCode;
  }
}

/** `file:line:col: message` — grep- and editor-friendly. */
export function formatDiagnostic(d: Diagnostic): string {
  const { file, line, column } = d.location;
  return `${file}:${line}:${column}: ${d.message}`;
}

/** Collapse any message to one line (CEL and YAML errors carry code frames). */
export function oneLine(message: string): string {
  const first = message.split(/\r?\n/).find((l) => l.trim() !== "") ?? message;
  return first.trim();
}
