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

/**
 * What kind of problem a PreclearError reports; the CLI (src/cli/main.ts)
 * maps kinds to exit codes, the core never chooses one.
 *
 * - "invalid-input": a file was found but breaks the schema or a semantic
 *   rule, or is missing or unreadable where a command reports files one by
 *   one (validate, check's invalid-file);
 * - "unevaluable": input the run cannot go on without (a draft too broken to
 *   evaluate, a config, keys, an output that may not be written);
 * - "usage": how preclear was called (a path given that does not exist, more
 *   drafts than the limit).
 */
export type DiagnosticKind = "invalid-input" | "unevaluable" | "usage";

/** Thrown (and caught at the command edge) when a file cannot be used at all. */
export class PreclearError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly kind: DiagnosticKind;
  constructor(diagnostics: Diagnostic[] | Diagnostic, kind: DiagnosticKind = "unevaluable") {
    // One line each, even when a message quotes a value that holds line breaks.
    const list = (Array.isArray(diagnostics) ? diagnostics : [diagnostics]).map((d) =>
      /[\r\n]/.test(d.message) ? { ...d, message: d.message.replace(/\s*[\r\n]+\s*/g, " ") } : d,
    );
    super(list.map(formatDiagnostic).join("\n"));
    this.name = "PreclearError";
    this.diagnostics = list;
    this.kind = kind;
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
