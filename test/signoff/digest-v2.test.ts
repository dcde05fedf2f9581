/**
 * Digest version 2 (docs/digest.md): what its material holds and leaves out.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import { canonicalJson, sha256Hex } from "../../src/core/signing/digest.js";
import { digestMaterialV2, signoffDigestV2 } from "../../src/core/signing/digest-v2.js";
import { loadBundle } from "../../src/core/evaluate/evaluate.js";
import { edit, newProject } from "./helpers.js";
import type { Project } from "./helpers.js";

let project: Project;
beforeEach(() => {
  project = newProject();
});
afterEach(() => project.remove());

const bundle = () => loadBundle(project.draft, new ChecklistLibrary());
const checklist = () => path.join(project.dir, "checklists", "clearance-basics.yaml");

test("is sha256 of the canonical JSON of {v: 2, draft, text, facts, stakeholder}, with its parts", () => {
  const b = bundle();
  const { digest, parts, material } = signoffDigestV2(b, "usms");
  expect(digest).toBe(sha256Hex(canonicalJson(material)));
  expect(material.v).toBe(2);
  expect(parts.text).toBe(b.draft.contentDigest);
  expect(parts["draft.title"]).toBe(sha256Hex(canonicalJson(material.draft.title)));
  expect(parts.record).toBe(sha256Hex(canonicalJson(material.stakeholder.record)));
  expect(parts.checklist).toBe(
    sha256Hex(
      canonicalJson({
        definition: material.stakeholder.definition,
        sources: material.stakeholder.sources,
      }),
    ),
  );
});

test("covers every draft field but review; of the checklists, only this office's entry, facts and sources", () => {
  const material = digestMaterialV2(bundle(), "usms");
  expect(Object.keys(material.draft).sort()).toEqual(
    ["checklists", "facts", "id", "issuanceDate", "issuer", "title"].sort(),
  );
  expect(material.text).toEqual({ format: "markdown", digest: expect.stringMatching(/^sha256:/) });
  // usms's condition reads facts.custody; changesProsecutionVolume is the courts' business.
  expect(Object.keys(material.facts)).toEqual(["custody"]);
  expect(material.facts.custody).toEqual({
    declaration: expect.objectContaining({ type: "enum" }),
    value: "both",
  });
  expect(material.stakeholder.definition).toEqual([
    { checklist: "clearance-basics", entry: expect.objectContaining({ id: "usms" }) },
  ]);
  expect(Object.keys(material.stakeholder.sources)).toEqual(["oig-21-028"]);
});

test('a fact mentioned as facts["name"], or only in guidance, counts as used', () => {
  edit(
    checklist(),
    "question: Has USMS confirmed detention space for the projected defendants?",
    'question: Has USMS confirmed detention space for the projected defendants?\n        guidance: Only if facts["changesProsecutionVolume"] holds.',
  );
  expect(Object.keys(digestMaterialV2(bundle(), "usms").facts).sort()).toEqual([
    "changesProsecutionVolume",
    "custody",
  ]);
});

test("a descriptor's document, apiVersion and kind are where things are, not what the draft says", () => {
  const descriptor = path.join(project.dir, "memo.draft.yaml");
  const front = readFileSync(project.draft, "utf8").split("\n---\n")[0]!;
  const fields = front
    .replace(/^---\npreclear:\n/, "")
    .split("\n")
    .map((l) => l.replace(/^ {2}/, ""))
    .join("\n");
  writeFileSync(path.join(project.dir, "memo.pdf"), "%PDF-1.4\n");
  writeFileSync(
    descriptor,
    `apiVersion: preclear/v1\nkind: Draft\n${fields}\ndocument: memo.pdf\nreview: memo.review.yaml\n`,
  );
  const material = digestMaterialV2(loadBundle(descriptor, new ChecklistLibrary()), "usms");
  for (const key of ["document", "apiVersion", "kind", "review"]) {
    expect(material.draft).not.toHaveProperty(key);
  }
  expect(material.draft.title).toBe(digestMaterialV2(bundle(), "usms").draft.title);
  expect(material.text.format).toBe("bytes");
});
