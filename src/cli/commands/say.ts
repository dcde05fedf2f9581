/**
 * Writing text that quotes files written outside the repository (a
 * respondent's name, an office's comment): each line made printable, so
 * nothing in a response can drive the terminal.
 */
import { printable } from "../../formatters/text.js";

export function say(stream: { write(text: string): unknown }, text: string): void {
  stream.write(
    text
      .split("\n")
      .map((line) => printable(line))
      .join("\n"),
  );
}
