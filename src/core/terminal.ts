/* eslint-disable no-control-regex -- this module exists to find control characters */
/**
 * The one sanitiser for text that reaches a person: a terminal, a CI log, a
 * prompt, or a report they open. Text from checklists, drafts, reviews and
 * keys is data; it must never drive the terminal (ESC sequences, a bare CR
 * that overwrites a line, a line break that forges a line of output) nor
 * reorder what is shown (Unicode bidirectional controls, as in "Trojan
 * Source"). Pure functions: the CLI, the formatters, the review walk and the
 * reports all call these, and nothing else strips control characters.
 */

/**
 * Unicode bidirectional formatting characters: ALM, LRM, RLM, the embeddings
 * and overrides LRE RLE PDF LRO RLO, the isolates LRI RLI FSI PDI.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const HAS_BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NONCHARACTERS = /[\uFFFE\uFFFF]/g;
const LINE_BREAKS_AND_TABS = /\r\n|[\r\n\t\v\f\u0085\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROLS_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const CONTROLS_BUT_LF_CR = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Anything one of the functions below would change; most text has none.
const NEEDS_CLEANING =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF\uFFFE\uFFFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A bidi control shown as what it is, `<U+202E>`, so it cannot reorder the line. */
export function showBidi(text: string): string {
  if (!HAS_BIDI.test(text)) return text;
  return text.replace(
    BIDI_CONTROLS,
    (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`,
  );
}

/**
 * One printable line: line breaks and tabs become spaces, other control
 * characters (ESC, CR, BEL, C1) are dropped, bidi controls are shown as
 * `<U+…>`, lone surrogates and U+FFFE/U+FFFF become U+FFFD.
 */
export function terminalLine(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return showBidi(
    text
      .replace(LINE_BREAKS_AND_TABS, " ")
      .replace(CONTROLS, "")
      .replace(LONE_SURROGATE, "\uFFFD")
      .replace(NONCHARACTERS, "\uFFFD"),
  );
}

/**
 * Printable text that keeps its line breaks (as LF): for guidance and notes
 * shown over several lines. Tabs become spaces; other controls dropped, bidi
 * controls shown. `keepCR` keeps CR for a caller that encodes it (GitHub's
 * workflow commands write it as %0D).
 */
export function terminalText(text: string, options: { keepCR?: boolean } = {}): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  const lines = options.keepCR
    ? text.replace(/[\u0085\u2028\u2029]/g, "\n")
    : text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n");
  return showBidi(
    lines
      .replace(/[\t\v\f]/g, " ")
      .replace(options.keepCR ? CONTROLS_BUT_LF_CR : CONTROLS_BUT_LF, "")
      .replace(LONE_SURROGATE, "\uFFFD"),
  );
}

/** Every string in a plain value (object, array) through terminalLine; a copy. */
export function terminalLines<T>(value: T): T {
  if (typeof value === "string") return terminalLine(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => terminalLines(v)) as T;
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = terminalLines(v);
    return copy as T;
  }
  return value;
}

// SGR parameters preclear's own colours use (chalk level 1): reset, bold, dim,
// italic, underline, their resets, the 16 foreground and background colours.
// Not conceal (8), blink or reverse video: text hidden on screen is a forgery.
const OWN_SGR = /^(?:0|1|2|3|4|22|23|24|39|49|3[0-7]|9[0-7]|4[0-7]|10[0-7])?$/;
const ESCAPE_OR_CONTROL =
  /\r\u001b\[K|\u001b\[([0-9;]*)m|[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const OUTPUT_NEEDS_CLEANING =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/**
 * The last line of defence, applied to every byte the CLI writes to stdout
 * and stderr and to everything the review walk prints: only line feeds, tabs,
 * preclear's own colour sequences and its progress line's `CR ESC [K` pass;
 * every other control character or escape sequence is dropped; bidi controls
 * are shown. Values are sanitised where they are interpolated too (a line
 * break in a name must not forge a line): this catches what reaches the
 * stream anyway.
 */
export function terminalOutput(text: string): string {
  if (!OUTPUT_NEEDS_CLEANING.test(text)) return text;
  return showBidi(
    text
      .replace(ESCAPE_OR_CONTROL, (match: string, sgr: string | undefined) => {
        if (match === "\t" || match === "\r\u001b[K") return match;
        if (sgr !== undefined)
          // `ESC[m` is a reset; otherwise every parameter is one of ours (no empty ones).
          return sgr === "" || sgr.split(";").every((p) => p !== "" && OWN_SGR.test(p))
            ? match
            : "";
        return "";
      })
      .replace(LONE_SURROGATE, "\uFFFD"),
  );
}

/**
 * JSON text whose bidi controls (and U+2028/U+2029) are written as `\uXXXX`
 * escapes: the parsed data is exactly the input, and the bytes shown in a
 * terminal or viewer hold no control that reorders them.
 */
export function jsonText(value: unknown, replacer: null = null, indent = 2): string {
  const text = JSON.stringify(value, replacer, indent);
  return /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/.test(text)
    ? text.replace(
        /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      )
    : text;
}
