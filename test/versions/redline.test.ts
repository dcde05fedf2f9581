/**
 * The redline: paragraphs first, then words; sections named by their
 * headings ("§ 3 Purpose"), numbered by the heading's own number or its place.
 */
import {
  describeRedline,
  paragraphsOf,
  redline,
  sectionLabel,
} from "../../src/core/versions/redline.js";

const BEFORE = `# Memorandum

Opening words.

## 1. Purpose

The purpose is to prosecute.

## 2. Scope

It applies at the border.

It applies to adults.
`;

test("paragraphs are blocks between blank lines; a heading line is a paragraph of its own", () => {
  expect(paragraphsOf("# Title\nBody line one\nline two\n\n\nNext\r\n")).toEqual([
    { text: "# Title", heading: 1 },
    { text: "Body line one\nline two" },
    { text: "Next" },
  ]);
});

test("sections take the heading's own number, else its place among the headings", () => {
  expect(sectionLabel("## 3. Purpose", 7)).toBe("§ 3 Purpose");
  expect(sectionLabel("## III. Purpose", 7)).toBe("§ III Purpose");
  expect(sectionLabel("### 2.1 Detail", 7)).toBe("§ 2.1 Detail");
  expect(sectionLabel("## Purpose", 2)).toBe("§ 2 Purpose");
  // In a text that numbers its headings, an unnumbered one has no number of ours.
  expect(sectionLabel("# Memorandum")).toBe("§ Memorandum");
});

test("one changed word: one paragraph changed, and the word pair under its section", () => {
  const r = redline(BEFORE, BEFORE.replace("to adults", "to minors"));
  expect(r.identical).toBe(false);
  expect(r.sections).toEqual([{ section: "§ 2 Scope", changed: 1, added: 0, removed: 0 }]);
  const changed = r.changes.filter((c) => c.kind === "changed");
  expect(changed).toHaveLength(1);
  expect(changed[0]!.words!.filter((w) => w.kind !== "same")).toEqual([
    { kind: "removed", text: "adults" },
    { kind: "added", text: "minors" },
  ]);
  expect(describeRedline(r)).toBe("§ 2 Scope: 1 paragraph changed");
});

test("added and removed paragraphs are counted per section", () => {
  const after = BEFORE.replace("Opening words.\n\n", "")
    .replace("The purpose is to prosecute.", "The purpose is to prosecute.\n\nAnd to deter.")
    .replace("It applies at the border.\n\n", "");
  const r = redline(BEFORE, after);
  expect(describeRedline(r)).toBe(
    "§ Memorandum: 1 paragraph removed; § 1 Purpose: 1 paragraph added; § 2 Scope: 1 paragraph removed",
  );
  expect(r.changes.find((c) => c.kind === "added")!.new).toBe("And to deter.");
});

test("only line endings or trailing spaces differ: identical", () => {
  const r = redline(
    BEFORE,
    BEFORE.replace(/\n/g, "\r\n").replace("Opening words.", "Opening words.  "),
  );
  expect(r.identical).toBe(true);
  expect(describeRedline(r)).toMatch(/no paragraph changed/);
});

test("texts too different to align are shown as replaced, not computed for ever", () => {
  const a = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i}.`).join("\n\n");
  const b = Array.from({ length: 3000 }, (_, i) => `Other ${i}.`).join("\n\n");
  const r = redline(a, b);
  expect(r.identical).toBe(false);
  const counts = r.sections.reduce((n, s) => n + s.changed + s.added + s.removed, 0);
  expect(counts).toBe(3000);
});

test("a heading's control characters never reach a section label (it is printed on terminals)", () => {
  expect(sectionLabel("## Purpose\u001b[2J\u0007", 1)).toBe("§ 1 Purpose[2J");
});
