/**
 * The text of a .docx draft: the same words written by two different writers
 * give the same text; headings are kept; damaged, encrypted and bomb-like
 * files are refused with the reason.
 */
import {
  checkDocx,
  DocxProblem,
  docxText,
  DOCX_LIMITS,
  htmlParagraphs,
} from "../../src/core/load/docx.js";
import { docxByHand, docxFromPackage, zip } from "./docx.js";
import type { Para } from "./docx.js";

const PARAS: Para[] = [
  { heading: 1, text: "Memorandum for federal prosecutors" },
  { heading: 2, text: "1. Purpose" },
  {
    text: "Each office shall adopt a policy to prosecute all referrals, to the extent practicable.",
  },
  { heading: 2, text: "2. Scope" },
  { text: "This applies to offenses under 8 U.S.C. § 1325(a) — café façade naïve." },
];

test("two writers, same words: the same normalised text, headings kept", async () => {
  const a = docxText(await docxFromPackage(PARAS));
  const b = docxText(docxByHand(PARAS));
  const c = docxText(docxByHand(PARAS, { store: true }));
  expect(a).toBe(b);
  expect(c).toBe(b);
  expect(a).toBe(
    "# Memorandum for federal prosecutors\n\n## 1. Purpose\n\n" +
      "Each office shall adopt a policy to prosecute all referrals, to the extent practicable.\n\n" +
      "## 2. Scope\n\nThis applies to offenses under 8 U.S.C. § 1325(a) — café façade naïve.\n",
  );
});

test("decomposed accents and odd spaces normalise to the same text", () => {
  const composed = docxText(docxByHand([{ text: "café  policy" }]));
  const decomposed = docxText(docxByHand([{ text: "cafe\u0301\u00a0policy " }]));
  expect(decomposed).toBe(composed);
  expect(composed).toBe("café policy\n");
});

test("one changed word changes the text", async () => {
  const changed = PARAS.map((p) => ({ ...p, text: p.text.replace("practicable", "practical") }));
  expect(docxText(await docxFromPackage(changed))).not.toBe(docxText(docxByHand(PARAS)));
});

const problem = (data: Buffer, limits = DOCX_LIMITS) => {
  try {
    checkDocx(data, limits);
  } catch (error) {
    if (error instanceof DocxProblem) return error.message;
    throw error;
  }
  return undefined;
};

test("an encrypted (OLE) file, a non-zip and a zip without a document are refused, with the reason", () => {
  const ole = Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(512),
  ]);
  expect(problem(ole)).toMatch(/password-protected/);
  expect(problem(Buffer.from("just some text, not a zip"))).toMatch(/not a \.docx/);
  expect(problem(zip({ "a.txt": Buffer.from("x") }))).toMatch(/no word\/document\.xml/);
  const truncated = docxByHand(PARAS).subarray(0, 200);
  expect(problem(truncated)).toMatch(/damaged/);
});

test("a damaged entry (checksum mismatch) is refused", () => {
  const data = docxByHand(PARAS, { store: true });
  const at = data.indexOf("Each office");
  data[at] = "X".charCodeAt(0);
  expect(problem(data)).toMatch(/damaged.*checksum/);
});

test("a zip bomb is refused before it expands, naming the limit", () => {
  const limits = { ...DOCX_LIMITS, maxXmlBytes: 1024 * 1024 };
  const bomb = docxByHand(PARAS, {
    extra: { "word/bomb.xml": Buffer.alloc(4 * 1024 * 1024, 0x20) },
  });
  expect(bomb.length).toBeLessThan(64 * 1024);
  expect(problem(bomb, limits)).toMatch(/expand to more than 1 MiB.*zip bomb/);
  // A header that lies about the size does not help: the cap counts what inflates.
  const central = bomb.lastIndexOf("word/bomb.xml") - 46;
  bomb.writeUInt32LE(10, central + 24);
  bomb.writeUInt32LE(10, bomb.indexOf("word/bomb.xml") - 30 + 22);
  expect(problem(bomb, limits)).toMatch(/expand to more than 1 MiB/);
});

test("mammoth's HTML: blocks become paragraphs, inline markup and footnote back-links go", () => {
  expect(
    htmlParagraphs(
      '<h2>1. Purpose</h2><p>Some <strong>bold</strong> &amp; <a href="https://x">linked</a> text<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>.</p>' +
        "<ul><li>First item</li><li><p>Second</p></li></ul><table><tr><td><p>Cell</p></td></tr></table>" +
        '<ol><li id="footnote-1"><p> The note. <a href="#footnote-ref-1">↑</a></p></li></ol>',
    ),
  ).toEqual([
    { level: 2, text: "1. Purpose" },
    { level: 0, text: "Some bold & linked text[1]." },
    { level: 0, text: "First item" },
    { level: 0, text: "Second" },
    { level: 0, text: "Cell" },
    { level: 0, text: " The note. " },
  ]);
});
