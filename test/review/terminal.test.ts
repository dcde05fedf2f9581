/** Markdown and durations as the walk shows them on a terminal. */
import { Chalk } from "chalk";
import { durationWords, plainInline, renderMarkdown } from "../../src/review/terminal.js";

const plain = new Chalk({ level: 0 });

describe("terminal text", () => {
  it("renders Markdown without its markers, and drops control characters", () => {
    const text = [
      "# Heading",
      "Ask for a **written** opinion, _not_ a call; see [the memo](https://x.gov/m) and `8 U.S.C. 1325`.",
      "",
      "- first",
      "  * nested",
      "1. numbered",
      "> quoted \\*literally\\*",
      "bell\u0007 and escape\u001b[31m gone",
      "",
      "Give clearance rights to offices with a *substantial",
      "interest*; consult the rest.",
    ].join("\n");
    expect(renderMarkdown(text, plain, 2)).toBe(
      [
        "  Heading",
        "  Ask for a written opinion, not a call; see the memo (https://x.gov/m) and 8",
        "  U.S.C. 1325.",
        "",
        "  • first",
        "    • nested",
        "  1. numbered",
        "  │ quoted *literally*",
        "  bell and escape[31m gone",
        "",
        "  Give clearance rights to offices with a substantial interest; consult the",
        "  rest.",
      ].join("\n"),
    );
    expect(plainInline("Is the **legal authority** confirmed?")).toBe(
      "Is the legal authority confirmed?",
    );
    expect(plainInline("snake_case_name stays")).toBe("snake_case_name stays");
  });

  it("says durations in words", () => {
    expect(durationWords({ years: 0, months: 0, weeks: 0, days: 30 })).toBe("30 days");
    expect(durationWords({ years: 0, months: 0, weeks: 1, days: 0 })).toBe("1 week");
    expect(durationWords({ years: 1, months: 2, weeks: 0, days: 3 })).toBe(
      "1 year, 2 months and 3 days",
    );
  });
});
