/**
 * A Word draft (`document: memo.docx` in a kind: Draft descriptor): its text,
 * not its bytes, is what offices sign. Re-saved by another writer with the
 * same words, every sign-off stays valid; one changed word stales them all,
 * and `preclear diff` shows that word under its heading in every format.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { runCli } from "../helpers/cli.js";
import { fixture, tempDir } from "../helpers/fixtures.js";
import { docxByHand, docxFromPackage } from "./docx.js";
import type { Para } from "./docx.js";

const PARAS: Para[] = [
  { heading: 1, text: "Memorandum for federal prosecutors along the Southwest border" },
  { heading: 2, text: "1. Purpose" },
  { text: "This memorandum directs a policy of prosecuting illegal entry." },
  { heading: 2, text: "2. Direction" },
  {
    text: "Each office shall adopt a policy to prosecute all referrals of offenses under 8 U.S.C. § 1325(a), to the extent practicable.",
  },
];

const DESCRIPTOR = `apiVersion: preclear/v1
kind: Draft
id: border-prosecution-memo
title: Prosecution of Offenses Under 8 U.S.C. § 1325(a)
issuer: Office of the Attorney General
issuanceDate: 2018-04-06
checklists: [checklists/clearance-basics.yaml]
facts:
  changesProsecutionVolume: true
document: memo.docx
`;

let dir: string;
let remove: () => void;
const cli = (...args: string[]) => runCli(args, { cwd: dir });
const docx = () => path.join(dir, "memo.docx");

beforeEach(async () => {
  ({ dir, remove } = tempDir());
  cpSync(fixture("signoff", "project"), dir, { recursive: true });
  rmSync(path.join(dir, "memo.md"));
  mkdirSync(path.join(dir, "keys"));
  writeFileSync(path.join(dir, "memo.draft.yaml"), DESCRIPTOR);
  writeFileSync(docx(), await docxFromPackage(PARAS));
});
afterEach(() => remove());

async function signAll(): Promise<void> {
  for (const id of ["usms", "courts", "hhs-orr"]) {
    const result = await cli(
      "signoff",
      "memo.draft.yaml",
      "--stakeholder",
      id,
      "--name",
      `Official of ${id}`,
      "--title",
      "Director",
      "--decision",
      "concur",
      "--actor",
      "tester",
      "--as-of",
      "2018-03-28",
    );
    expect(result.code).toBe(0);
  }
}

async function verify(): Promise<{
  code: number;
  states: Record<string, string>;
  report: VerifyJson;
}> {
  const result = await cli("verify", "memo.draft.yaml", "--format", "json");
  const report = JSON.parse(result.stdout) as VerifyJson;
  return {
    code: result.code,
    states: Object.fromEntries(report.stakeholders.map((s) => [s.id, s.state])),
    report,
  };
}
interface VerifyJson {
  draft: { textFormat: string };
  stakeholders: Array<{ id: string; state: string; detail: string }>;
}

test("re-saved by a different writer with the same words: every sign-off stays valid", async () => {
  await signAll();
  const before = readFileSync(docx());
  writeFileSync(docx(), docxByHand(PARAS));
  expect(readFileSync(docx()).equals(before)).toBe(false);
  const { code, states, report } = await verify();
  expect(report.draft.textFormat).toBe("docx");
  expect(states).toEqual({ usms: "valid", courts: "valid", "hhs-orr": "valid" });
  expect(code).toBe(0);
  // One snapshot, shared by the three sign-offs, holding the text with its headings.
  const kept = readdirSync(path.join(dir, "memo.versions"));
  expect(kept).toHaveLength(1);
  expect(readFileSync(path.join(dir, "memo.versions", kept[0]!), "utf8")).toContain(
    "## 2. Direction\n\nEach office shall adopt",
  );
});

test("one changed word stales every sign-off, and verify names the section", async () => {
  await signAll();
  const edited = PARAS.map((p) => ({ ...p, text: p.text.replace("practicable", "possible") }));
  writeFileSync(docx(), docxByHand(edited));
  const { code, states, report } = await verify();
  expect(code).toBe(1);
  expect(states).toEqual({ usms: "stale", courts: "stale", "hhs-orr": "stale" });
  for (const s of report.stakeholders) {
    expect(s.detail).toContain(
      "the draft text changed since the sign-off (§ 2 Direction: 1 paragraph changed)",
    );
  }
});

test("preclear diff shows the changed word under its heading, in all four formats", async () => {
  await signAll();
  const edited = PARAS.map((p) => ({ ...p, text: p.text.replace("practicable", "possible") }));
  writeFileSync(docx(), await docxFromPackage(edited));

  const text = await cli("diff", "memo.draft.yaml", "--stakeholder", "usms");
  expect(text.code).toBe(0);
  expect(text.stdout).toContain("§ 2 Direction: 1 paragraph changed");
  expect(text.stdout).toContain("to the extent [-practicable-]{+possible+}.");
  expect(text.stdout).not.toContain("Purpose");

  const coloured = await runCli(["diff", "memo.draft.yaml", "--stakeholder", "usms"], {
    cwd: dir,
    stdoutIsTTY: true,
    env: { TERM: "xterm-256color" },
  });
  // eslint-disable-next-line no-control-regex
  expect(coloured.stdout).toMatch(/\u001b\[[0-9;]*mpracticable/);
  expect(coloured.stdout).not.toContain("[-practicable-]");

  const markdown = await cli("diff", "memo.draft.yaml", "--format", "markdown");
  expect(markdown.stdout).toContain("### § 2 Direction: 1 paragraph changed");
  expect(markdown.stdout).toContain("<del>practicable</del><ins>possible</ins>");

  const html = await cli("diff", "memo.draft.yaml", "--format", "html");
  expect(html.stdout).toContain("<h2>§ 2 Direction: 1 paragraph changed</h2>");
  expect(html.stdout).toContain("<del>practicable</del><ins>possible</ins>");
  expect(html.stdout).toContain("Content-Security-Policy");
  expect(html.stdout).not.toMatch(/<script|https?:\/\//);

  const json = JSON.parse((await cli("diff", "memo.draft.yaml", "--format", "json")).stdout) as {
    sections: Array<{ section: string; changed: number }>;
    changes: Array<{ kind: string; section: string; words: Array<{ kind: string; text: string }> }>;
  };
  expect(json.sections).toEqual([
    expect.objectContaining({ section: "§ 2 Direction", changed: 1 }),
  ]);
  expect(json.changes[0]!.words.filter((w) => w.kind !== "same")).toEqual([
    { kind: "removed", text: "practicable" },
    { kind: "added", text: "possible" },
  ]);
});

test.each([
  [
    "a password-protected file",
    () => Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(1024)]),
    /password-protected/,
  ],
  ["a damaged file", () => docxByHand(PARAS).subarray(0, 300), /damaged|not a \.docx/],
  ["a plain-text file named .docx", () => Buffer.from("not a Word document\n"), /not a \.docx/],
  [
    "a zip bomb (a few KiB expanding past the 32 MiB cap)",
    () => docxByHand(PARAS, { extra: { "word/bomb.xml": Buffer.alloc(40 * 1024 * 1024, 0x20) } }),
    /expand to more than 32 MiB \(the limit on a \.docx's uncompressed text.*zip bomb/,
  ],
])("%s is a positioned error, exit 2, and nothing is written", async (_name, make, reason) => {
  writeFileSync(docx(), make());
  const review = readFileSync(path.join(dir, "memo.review.yaml"), "utf8");
  const result = await cli(
    "signoff",
    "memo.draft.yaml",
    "--stakeholder",
    "usms",
    "--name",
    "J. Roe",
    "--title",
    "Director",
    "--decision",
    "concur",
  );
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(
    /^memo\.draft\.yaml:10:11: cannot read `document` memo\.docx as a Word document: /,
  );
  expect(result.stderr).toMatch(reason);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(readFileSync(path.join(dir, "memo.review.yaml"), "utf8")).toBe(review);
  expect(existsSync(path.join(dir, "memo.versions"))).toBe(false);
});

test("a document outside the project is refused unless --allow-outside", async () => {
  const outside = tempDir();
  try {
    writeFileSync(path.join(outside.dir, "memo.docx"), await docxFromPackage(PARAS));
    writeFileSync(
      path.join(dir, "memo.draft.yaml"),
      DESCRIPTOR.replace(
        "document: memo.docx",
        `document: ${path.relative(dir, path.join(outside.dir, "memo.docx"))}`,
      ),
    );
    const refused = await cli("verify", "memo.draft.yaml");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /memo\.draft\.yaml:10:11: `document` points outside the project/,
    );
    const allowed = await cli("verify", "memo.draft.yaml", "--allow-outside");
    expect(allowed.code).toBe(0);
  } finally {
    outside.remove();
  }
});

test("a PDF keeps the byte digest, and says so", async () => {
  writeFileSync(path.join(dir, "memo.pdf"), "%PDF-1.4\n% not really\n");
  writeFileSync(path.join(dir, "memo.draft.yaml"), DESCRIPTOR.replace("memo.docx", "memo.pdf"));
  const result = await cli("verify", "memo.draft.yaml");
  expect(result.stdout).toContain("the document's bytes");
  expect((await cli("explain", "memo.draft.yaml")).stdout).toContain(
    "Policy text: digested as bytes",
  );
  // Signed, then re-saved: stale, and no redline can be offered.
  const signed = await cli(
    "signoff",
    "memo.draft.yaml",
    "--stakeholder",
    "courts",
    "--name",
    "A. Clerk",
    "--title",
    "Director",
    "--actor",
    "tester",
    "--as-of",
    "2018-03-28",
  );
  expect(signed.stdout).toContain("no text snapshot: .pdf documents are digested by their bytes");
  writeFileSync(path.join(dir, "memo.pdf"), "%PDF-1.4\n% saved again\n");
  const stale = await verify();
  expect(stale.report.stakeholders.find((s) => s.id === "courts")!.detail).toContain(
    "the draft text changed since the sign-off (its bytes changed; it is not a format preclear reads as text)",
  );
  const diff = await cli("diff", "memo.draft.yaml");
  expect(diff.code).toBe(2);
  expect(diff.stderr).toContain("digested by its bytes");
});

test("the HTML report's appendix prints the Word document's text, as packets do", async () => {
  const html = await cli("--as-of", "2018-03-28", "report", "memo.draft.yaml", "--format", "html");
  expect(html.stdout).toContain("This memorandum directs a policy of prosecuting illegal entry.");
  expect(html.stdout).not.toContain("The policy text is not held in the draft as text");
});

test("a packet keeps the text it sent, so a stale answer names the changed section", async () => {
  const sent = await cli(
    "--as-of",
    "2018-03-28",
    "packet",
    "memo.draft.yaml",
    "--stakeholder",
    "usms",
    "--actor",
    "tester",
  );
  expect(sent.stderr).toBe("");
  expect(sent.code).toBe(0);
  // The snapshot is the text the content digest covers: its name is its digest.
  const [snapshot] = readdirSync(path.join(dir, "memo.versions"));
  expect(snapshot).toMatch(/^sha256-[0-9a-f]{64}\.txt$/);
  const text = readFileSync(path.join(dir, "memo.versions", snapshot!), "utf8");
  expect(text).toContain("## 2. Direction");

  const changed = PARAS.map((p) =>
    p.text.startsWith("Each office")
      ? { text: p.text.replace("all referrals", "most referrals") }
      : p,
  );
  writeFileSync(docx(), await docxFromPackage(changed));
  const response = path.join(dir, "usms-packet", "response.yaml");
  writeFileSync(
    response,
    readFileSync(response, "utf8")
      .replace('name: "" # your name', 'name: "J. Roe"')
      .replace('title: "" # your title', 'title: "Assistant Director"')
      .replace(/date: "" # YYYY-MM-DD.*/, 'date: "2018-03-29"'),
  );
  const refused = await cli("import", "usms-packet/response.yaml");
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("§ 2 Direction: 1 paragraph changed");
});
