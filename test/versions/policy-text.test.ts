/**
 * The policy text of a draft (src/core/load/policy-text.ts): one answer for
 * packets, the report's appendix and snapshots — a Markdown body, a Word
 * document's text, or a text document a descriptor names.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { loadDraft } from "../../src/core/load/draft.js";
import { policyText } from "../../src/core/load/policy-text.js";
import { tempDir } from "../helpers/fixtures.js";
import { docxFromPackage } from "./docx.js";

const descriptor = (document: string) => `apiVersion: preclear/v1
kind: Draft
id: memo
title: Memo
issuer: Office of the Attorney General
issuanceDate: 2018-04-06
checklists: [checklists/clearance-basics.yaml]
document: ${document}
`;

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempDir());
  writeFileSync(path.join(dir, ".git"), "");
});
afterEach(() => remove());

function load(document: string, bytes: string | Buffer) {
  writeFileSync(path.join(dir, document), bytes);
  writeFileSync(path.join(dir, "memo.draft.yaml"), descriptor(document));
  return loadDraft(path.join(dir, "memo.draft.yaml"));
}

test("a Markdown draft's body, which is what its digest covers", () => {
  writeFileSync(
    path.join(dir, "memo.md"),
    "---\npreclear:\n  id: memo\n  title: Memo\n  issuer: OAG\n  issuanceDate: 2018-04-06\n  checklists: [x.yaml]\n---\n# Purpose\r\n\r\nText.\r\n",
  );
  const text = policyText(loadDraft(path.join(dir, "memo.md")));
  expect(text).toEqual({ text: "# Purpose\n\nText.\n", kind: "markdown", matchesDigest: true });
});

test("a Word document's paragraphs, headings marked as the digest has them", async () => {
  const draft = load(
    "memo.docx",
    await docxFromPackage([{ heading: 1, text: "Purpose" }, { text: "Text." }]),
  );
  expect(policyText(draft)).toEqual({
    text: "# Purpose\n\nText.\n",
    kind: "docx",
    matchesDigest: true,
  });
});

test("a text document as is; with CR line ends it is not what the byte digest covers", () => {
  expect(policyText(load("memo.txt", "Purpose\n\nText.\n"))).toEqual({
    text: "Purpose\n\nText.\n",
    kind: "text",
    matchesDigest: true,
  });
  expect(policyText(load("memo.txt", "Purpose\r\n\r\nText.\r\n"))).toEqual({
    text: "Purpose\n\nText.\n",
    kind: "text",
    matchesDigest: false,
  });
});

test("no text for a PDF: its readers say where the text is", () => {
  expect(policyText(load("memo.pdf", "%PDF-1.4\n"))).toBeUndefined();
});
