/** XML 1.0 text that any conforming parser accepts. */

// Everything outside XML 1.0's Char production: C0 controls other than tab,
// LF and CR, U+FFFE/U+FFFF, and (with the u flag) lone surrogates.
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drops characters that XML 1.0 cannot carry at all, even as references. */
export function xmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, "");
}

/** Escapes character data (element content); CR survives as a reference. */
export function xmlText(text: string): string {
  return xmlChars(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;");
}

/**
 * Escapes an attribute value. Tab, LF and CR become references, since
 * attribute-value normalisation would otherwise turn them into spaces.
 */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}
